-- Metric: dissatisfied items (不满意项) of answered surveys, per month, project and item, and the
-- clusters that open a special investigation (专项调查, 002 §3.7.5.9).
-- Grain: one row per month, project and item with at least one mention.
-- Sources: stg_callback_surveys (dissatisfied_items: the items the customer marked dissatisfied),
--          ref_metric_settings (dissatisfied_cluster_mentions 5, dissatisfied_rise_min_mentions 3,
--          dissatisfied_rise_factor 2 as shipped).
-- Definitions:
--   mentions          = answered surveys of the project in the month that name the item (an item
--                       named twice in one survey counts once)
--   surveys           = answered surveys of the project in the month
--   share             = mentions / surveys
--   baseline          = mean monthly mentions of the same item in the same project over the three
--                       months before (a month without a mention counts 0)
--   is_cluster        = mentions >= dissatisfied_cluster_mentions
--   is_rise           = mentions >= dissatisfied_rise_min_mentions
--                       and mentions >= dissatisfied_rise_factor * greatest(baseline, 1)
--   opens_investigation = is_cluster or is_rise; reason 'cluster', 'rise' or 'cluster_and_rise'
-- Test: unique(month, project_id, item)
-- Test: check(mentions between 1 and surveys and share between 0 and 1)
-- Test: check(opens_investigation = (is_cluster or is_rise))
-- Test: not_null(cluster_mentions, rise_min_mentions, rise_factor)
-- Test: accepted_values(investigation_reason: cluster, rise, cluster_and_rise)
with settings as (
  select
    max(value) filter (where setting = 'dissatisfied_cluster_mentions') as cluster_mentions,
    max(value) filter (where setting = 'dissatisfied_rise_min_mentions') as rise_min_mentions,
    max(value) filter (where setting = 'dissatisfied_rise_factor') as rise_factor
  from ref_metric_settings
),

surveys as (
  select survey_id, project_id, date_trunc('month', occurred_at) as month_start, dissatisfied_items
  from stg_callback_surveys
),

monthly_surveys as (
  select project_id, month_start, count(*) as surveys from surveys group by all
),

mentions as (
  select project_id, month_start, item, count(distinct survey_id) as mentions
  from (select survey_id, project_id, month_start, unnest(dissatisfied_items) as item from surveys where dissatisfied_items is not null)
  where item is not null and item <> ''
  group by all
),

with_baseline as (
  select m.*,
    coalesce((select sum(b.mentions) from mentions b
      where b.project_id = m.project_id and b.item = m.item
        and b.month_start >= m.month_start - interval 3 month and b.month_start < m.month_start), 0) / 3.0 as baseline
  from mentions m
),

flagged as (
  select b.*, s.surveys, st.cluster_mentions, st.rise_min_mentions, st.rise_factor,
    b.mentions >= st.cluster_mentions as is_cluster,
    b.mentions >= st.rise_min_mentions and b.mentions >= st.rise_factor * greatest(b.baseline, 1) as is_rise
  from with_baseline b
  join monthly_surveys s using (project_id, month_start)
  cross join settings st
)

select
  strftime(month_start, '%Y-%m') as month,
  strftime(month_start, '%Y') || 'Q' || quarter(month_start) as quarter,
  project_id, item, mentions, surveys,
  round(mentions / surveys, 4) as share,
  round(baseline, 2) as baseline,
  cluster_mentions, rise_min_mentions, rise_factor,
  is_cluster, is_rise,
  is_cluster or is_rise as opens_investigation,
  case when is_cluster and is_rise then 'cluster_and_rise' when is_cluster then 'cluster' when is_rise then 'rise' end as investigation_reason
from flagged
