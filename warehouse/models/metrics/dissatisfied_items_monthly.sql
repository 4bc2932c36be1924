-- Refresh: by project_id
-- Depends: ref_metric_settings, stg_callback_surveys
-- Metric: dissatisfied items (不满意项) of answered surveys, per month, project and item, and the
-- clusters and significant rises that open a special investigation (专项调查, 002 §3.7.5.9).
-- Grain: one row per month, project and item with at least one mention.
-- Sources: stg_callback_surveys (dissatisfied_items: the items the customer marked dissatisfied),
--          ref_metric_settings (dissatisfied_cluster_mentions 5, dissatisfied_cluster_share 0.1,
--          dissatisfied_rise_min_mentions 3, dissatisfied_rise_z 1.96 as shipped).
-- Definitions:
--   mentions        = answered surveys of the project in the month that name the item (an item
--                     named twice in one survey counts once)
--   surveys         = answered surveys of the project in the month (all survey types)
--   share           = mentions / surveys
--   baseline_mentions, baseline_surveys = the same counts over the three calendar months before
--   baseline_share  = baseline_mentions / baseline_surveys (null without surveys in those months)
--   rise_z          = (share - baseline_share) / sqrt(p * (1 - p) * (1 / surveys + 1 / baseline_surveys)),
--                     p = (mentions + baseline_mentions) / (surveys + baseline_surveys): the pooled
--                     two-proportion z statistic (null without a baseline, or when p is 0 or 1)
--   is_cluster      = mentions >= dissatisfied_cluster_mentions and share >= dissatisfied_cluster_share
--                     (many customers, and many of those asked: a large survey campaign alone is no cluster)
--   is_rise         = mentions >= dissatisfied_rise_min_mentions and rise_z >= dissatisfied_rise_z
--                     (the share rose beyond chance against the three months before; one-sided)
--   opens_investigation = is_cluster or is_rise; investigation_reason 'cluster', 'rise' or
--                     'cluster_and_rise'
-- Every figure of a row reads its own project's surveys only (the baseline too), so a refresh
-- computes again the projects a batch touched only.
-- Test: unique(month, project_id, item)
-- Test: check(mentions between 1 and surveys and share between 0 and 1)
-- Test: check(opens_investigation = (is_cluster or is_rise))
-- Test: check(baseline_mentions <= baseline_surveys)
-- Test: not_null(cluster_mentions, cluster_share, rise_min_mentions, rise_z_threshold)
-- Test: accepted_values(investigation_reason: cluster, rise, cluster_and_rise)
with settings as (
  select
    max(value) filter (where setting = 'dissatisfied_cluster_mentions') as cluster_mentions,
    max(value) filter (where setting = 'dissatisfied_cluster_share') as cluster_share,
    max(value) filter (where setting = 'dissatisfied_rise_min_mentions') as rise_min_mentions,
    max(value) filter (where setting = 'dissatisfied_rise_z') as rise_z_threshold
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
  select m.*, s.surveys,
    coalesce((select sum(b.mentions) from mentions b
      where b.project_id = m.project_id and b.item = m.item
        and b.month_start >= m.month_start - interval 3 month and b.month_start < m.month_start), 0) as baseline_mentions,
    coalesce((select sum(b.surveys) from monthly_surveys b
      where b.project_id = m.project_id
        and b.month_start >= m.month_start - interval 3 month and b.month_start < m.month_start), 0) as baseline_surveys
  from mentions m
  join monthly_surveys s using (project_id, month_start)
),

tested as (
  select *,
    mentions / surveys as share_exact,
    case when baseline_surveys > 0 then baseline_mentions / baseline_surveys end as baseline_share_exact,
    (mentions + baseline_mentions) / (surveys + baseline_surveys) as pooled
  from with_baseline
),

flagged as (
  select t.*, st.*,
    case when baseline_surveys > 0 and pooled > 0 and pooled < 1
      then (share_exact - baseline_share_exact) / sqrt(pooled * (1 - pooled) * (1 / surveys + 1 / baseline_surveys)) end as z
  from tested t
  cross join settings st
),

final as (
  select *,
    mentions >= cluster_mentions and share_exact >= cluster_share as is_cluster,
    coalesce(mentions >= rise_min_mentions and z >= rise_z_threshold, false) as is_rise
  from flagged
)

select
  strftime(month_start, '%Y-%m') as month,
  strftime(month_start, '%Y') || 'Q' || quarter(month_start) as quarter,
  project_id, item, mentions, surveys,
  round(share_exact, 4) as share,
  baseline_mentions, baseline_surveys,
  round(baseline_share_exact, 4) as baseline_share,
  round(z, 2) as rise_z,
  cluster_mentions, cluster_share, rise_min_mentions, rise_z_threshold,
  is_cluster, is_rise,
  is_cluster or is_rise as opens_investigation,
  case when is_cluster and is_rise then 'cluster_and_rise' when is_cluster then 'cluster' when is_rise then 'rise' end as investigation_reason
from final
