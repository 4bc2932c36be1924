-- Depends: ref_kpi_targets, kpi_cases_quarterly
-- Metric: the KPI scorecard of a calendar year (年度 KPI 记分卡), company-wide and per project; for a
-- year still running, the year to date.
-- Grain: one row per year, scope ('company', 'project'), project and KPI with cases that year.
-- Sources: kpi_cases_quarterly, ref_kpi_targets.
-- Definitions:
--   quarters        = quarters of the year with cases of the KPI; through_quarter = the last of them
--   value           = the quarterly definition over every case of the year (sum of x / sum of n of
--                     kpi_cases_quarterly): satisfaction_index = mean 0-100 points of all the year's
--                     answers (not a mean of quarterly means); rates = successes / cases;
--                     complaints_per_1000_households = 1000 * complaints / (occupied households *
--                     quarters), the average quarter, so the quarterly target still applies
--   target, meets_target = as in kpi_quarterly
-- Test: unique(year, scope, project_id, kpi_id)
-- Test: relationship(kpi_id -> ref_kpi_targets.kpi_id)
-- Test: check(quarters between 1 and 4)
with yearly as (
  select left(quarter, 4) as year, scope, project_id, kpi_id,
    count(*) as quarters, min(quarter) as from_quarter, max(quarter) as through_quarter,
    sum(x) as x, sum(x2) as x2, sum(n) as n
  from kpi_cases_quarterly
  group by all
),
valued as (
  select y.*, t.name_zh, t.name_en, t.unit, t.direction, t.target,
    case t.unit when 'per_1000' then round(1000.0 * y.x / y.n, 3) when 'points' then round(y.x / y.n, 1) else round(y.x / y.n, 4) end as value
  from yearly y
  join ref_kpi_targets t using (kpi_id)
)
select
  year, scope, project_id, kpi_id, name_zh, name_en, unit, direction, quarters, from_quarter, through_quarter,
  x, x2, n, value, target,
  case when direction = 'higher_is_better' then value >= target else value <= target end as meets_target
from valued
