-- Depends: ref_kpi_targets, after_sales_satisfaction_quarterly, callback_coverage_quarterly,
-- Depends: complaint_acceptance_quarterly, complaints_per_1000_households_quarterly,
-- Depends: reopen_rate_quarterly, satisfaction_quarterly, sla_compliance_quarterly
-- Metric: the executive KPI scorecard (KPI 记分卡), company-wide, per quarter.
-- Grain: one row per quarter and KPI of ref_kpi_targets that has a value that quarter.
-- Sources: satisfaction_quarterly, complaint_acceptance_quarterly,
--          complaints_per_1000_households_quarterly, sla_compliance_quarterly,
--          callback_coverage_quarterly, reopen_rate_quarterly, after_sales_satisfaction_quarterly,
--          ref_kpi_targets.
-- Definitions:
--   value     = the company row of the metric named by kpi_id (see that metric's definition)
--   target    = ref_kpi_targets.target; direction says whether higher or lower is better
--   meets_target = value >= target when higher_is_better, value <= target when lower_is_better
-- Test: relationship(kpi_id -> ref_kpi_targets.kpi_id)
with kpi_values as (
  select quarter, 'satisfaction_index' as kpi_id, satisfaction_index as value
  from satisfaction_quarterly where scope = 'company'
  union all
  select quarter, 'top2box_rate', top2box_rate
  from satisfaction_quarterly where scope = 'company'
  union all
  select quarter, 'accepted_within_24h', accepted_within_24h_rate
  from complaint_acceptance_quarterly where scope = 'company'
  union all
  select quarter, 'complaints_per_1000_households', complaints_per_1000_households
  from complaints_per_1000_households_quarterly where scope = 'company'
  union all
  select quarter, 'sla_compliance', compliance_rate
  from sla_compliance_quarterly where scope = 'all_rules'
  union all
  select quarter, 'callback_coverage', callback_coverage
  from callback_coverage_quarterly where scope = 'company'
  union all
  select quarter, 'reopen_rate', reopen_rate
  from reopen_rate_quarterly where scope = 'company'
  union all
  select quarter, 'after_sales_satisfaction', satisfaction_rate
  from after_sales_satisfaction_quarterly where scope = 'company'
),

final as (
  select
    v.quarter,
    t.kpi_id,
    t.name_zh,
    t.name_en,
    t.unit,
    t.direction,
    cast(v.value as double) as value,
    t.target,
    case when t.direction = 'higher_is_better' then v.value >= t.target else v.value <= t.target end as meets_target
  from kpi_values v
  join ref_kpi_targets t using (kpi_id)
  -- a quarter whose metric has no value yet (no complaint judged for acceptance) has no row
  where v.value is not null
)

select * from final
