-- The measures beside the KPIs (issue 21 item 8): computed by the warehouse, shown in the compact
-- table next to the KPI tiles. Company-wide, for the report period and the period it is compared
-- with; over several quarters the counts are summed and each rate is recomputed from them.
--   nps                  metric nps_quarterly: (promoters - detractors) / answers with an NPS * 100
--   within_3_rings       metric phone_answer_quarterly: calls answered within three rings / calls with rings recorded
--   promises_kept        metric promises_kept_quarterly: kept / promises with a known outcome
--   callbacks_within_1wd metric callbacks_within_1wd_quarterly: callbacks made within one working day / callbacks due
--   cost_of_poor_quality metric cost_of_poor_quality_quarterly: repair cost (yuan) of the cycles that ended;
--                        cases = repaired cycles, audited = those over cost_audit_over_yuan
-- Targets, where the procedures give one (none is written here):
--   within_3_rings, promises_kept: metric_settings.csv target_within_3_rings_rate and
--     target_promises_kept_rate (every call answered within three rings, 004 §2.2; every promise
--     kept, breaking one is a prohibited behaviour, 002 篇1);
--   callbacks_within_1wd: kpi_targets.csv sla_compliance, the company's target for the time limits of
--     sla_rules.csv, of which callback_1wd (002 §3.5.4) is one (the SLA section reads the rule against it too);
--   nps, cost_of_poor_quality: the procedures give none (a company may add target_nps or
--     target_cost_of_poor_quality_yuan to metric_settings.csv).
-- Parameters: $1, $2 = first and last quarter of the period; $3, $4 = first and last quarter of the
-- comparison period.
with counts as (
  select 'nps' as measure, quarter, promoters - detractors as numerator, nps_responses as cases, null as audited
  from nps_quarterly where scope = 'company'
  union all
  select 'within_3_rings', quarter, answered_within_3_rings, phone_calls, null
  from phone_answer_quarterly where scope = 'company'
  union all
  select 'promises_kept', quarter, kept, kept + broken, null
  from promises_kept_quarterly where scope = 'company'
  union all
  select 'callbacks_within_1wd', quarter, within_1wd, callbacks_due, null
  from callbacks_within_1wd_quarterly where scope = 'company'
  union all
  select 'cost_of_poor_quality', quarter, repair_cost_yuan, repaired_cycles, audited_cycles
  from cost_of_poor_quality_quarterly where scope = 'all'
),

periods as (
  select
    measure,
    sum(numerator) filter (where quarter between $1 and $2) as numerator,
    sum(cases) filter (where quarter between $1 and $2) as cases,
    sum(audited) filter (where quarter between $1 and $2) as audited,
    sum(numerator) filter (where quarter between $3 and $4) as base_numerator,
    sum(cases) filter (where quarter between $3 and $4) as base_cases
  from counts
  group by measure
),

measures(position, measure, unit, direction, target_setting) as (
  values
    (1, 'nps', 'points', 'higher_is_better', 'target_nps'),
    (2, 'within_3_rings', 'share', 'higher_is_better', 'target_within_3_rings_rate'),
    (3, 'promises_kept', 'share', 'higher_is_better', 'target_promises_kept_rate'),
    (4, 'callbacks_within_1wd', 'share', 'higher_is_better', null),
    (5, 'cost_of_poor_quality', 'yuan', 'lower_is_better', 'target_cost_of_poor_quality_yuan')
),

targets as (
  select m.measure,
    case when m.measure = 'callbacks_within_1wd' then (select target from ref_kpi_targets where kpi_id = 'sla_compliance')
         else s.value end as target
  from measures m
  left join ref_metric_settings s on s.setting = m.target_setting
)

select
  m.position,
  m.measure,
  m.unit,
  m.direction,
  cast(case when p.cases is null or p.cases = 0 then null
            when m.unit = 'points' then round(p.numerator * 100.0 / p.cases, 1)
            when m.unit = 'share' then p.numerator / p.cases
            else p.numerator end as double) as value,
  coalesce(p.cases, 0) as cases,
  coalesce(p.audited, 0) as audited,
  cast(case when p.base_cases is null or p.base_cases = 0 then null
            when m.unit = 'points' then round(p.base_numerator * 100.0 / p.base_cases, 1)
            when m.unit = 'share' then p.base_numerator / p.base_cases
            else p.base_numerator end as double) as base_value,
  t.target,
  (select value from ref_metric_settings where setting = 'cost_audit_over_yuan') as audit_over_yuan
from measures m
left join periods p using (measure)
left join targets t using (measure)
order by m.position
