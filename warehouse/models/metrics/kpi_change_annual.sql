-- Depends: ref_metric_settings, ref_t_critical_95, kpi_annual, kpi_cases_quarterly
-- Metric: change of every KPI of a year (or year to date) against the same period of the year before,
-- with a 95% confidence interval and a significance flag (年度 KPI 同比及显著性): what the annual
-- report states beside each number.
-- Grain: one row per year, scope, project and KPI where both periods have cases.
-- Sources: kpi_annual, kpi_cases_quarterly, ref_metric_settings (min_responses, confidence_z),
--          ref_t_critical_95.
-- Definitions:
--   base period   = the quarters of the year before up to the same quarter number as the year's
--                   through_quarter (a year to date Q1-Q3 is compared with Q1-Q3 a year before)
--   proportions (share): p = x / n; change = p1 - p2; interval by Newcombe's hybrid score method
--                   from the two Wilson intervals (z = confidence_z)
--   complaints_per_1000_households: r = 1000 * x / n (n = households * quarters); change = r1 - r2;
--                   interval = change +- z * 1000 * sqrt(x1 / n1^2 + x2 / n2^2) (Poisson, normal approx.)
--   satisfaction_index: Welch t on the answers' points: mean = x / n, variance = (x2 - x^2 / n) / (n - 1);
--                   interval = change +- t(0.975, Welch df) * SE, t from the largest table df <= df
--   significant   = the interval excludes 0
--   sample_note   = 'insufficient_sample' when either period has fewer than min_responses cases (n;
--                   households for the complaint rate): then change, interval and significant are null
-- Test: unique(year, scope, project_id, measure)
-- Test: accepted_values(sample_note: ok, insufficient_sample)
-- Test: check(sample_note = 'insufficient_sample' or (ci_low <= change and change <= ci_high))
with settings as (
  select
    max(value) filter (where setting = 'min_responses') as min_responses,
    max(value) filter (where setting = 'confidence_z') as z
  from ref_metric_settings
),
base as (
  select a.year, a.scope, a.project_id, a.kpi_id,
    min(q.quarter) as base_from, max(q.quarter) as base_through, sum(q.x) as x, sum(q.x2) as x2, sum(q.n) as n
  from kpi_annual a
  join kpi_cases_quarterly q
    on q.kpi_id = a.kpi_id and q.scope = a.scope and q.project_id is not distinct from a.project_id
   and left(q.quarter, 4) = cast(cast(a.year as integer) - 1 as varchar)
   and right(q.quarter, 1) <= right(a.through_quarter, 1)
  group by all
),
pairs as (
  select a.year, a.scope, a.project_id, a.kpi_id as measure, a.unit, a.from_quarter, a.through_quarter, b.base_from, b.base_through,
    a.x as x1, a.x2 as x21, a.n as n1, b.x as x2, b.x2 as x22, b.n as n2, s.z,
    a.n >= s.min_responses and b.n >= s.min_responses as sample_ok
  from kpi_annual a
  join base b on b.year = a.year and b.scope = a.scope and b.project_id is not distinct from a.project_id and b.kpi_id = a.kpi_id
  cross join settings s
),
proportions as (
  select *, x1 / n1 as p1, x2 / n2 as p2,
    wilson_low(x1, n1, z) as l1,
    wilson_high(x1, n1, z) as u1,
    wilson_low(x2, n2, z) as l2,
    wilson_high(x2, n2, z) as u2
  from pairs where unit = 'share'
),
welch as (
  select *, x1 / n1 as m1, x2 / n2 as m2,
    (x21 - x1 * x1 / n1) / nullif(n1 - 1, 0) as v1,
    (x22 - x2 * x2 / n2) / nullif(n2 - 1, 0) as v2
  from pairs where unit = 'points'
),
welch_df as (
  select *,
    welch_se(v1, n1, v2, n2) as se,
    welch_df(v1, n1, v2, n2) as df
  from welch
),
changes as (
  select year, scope, project_id, measure, from_quarter, through_quarter, base_from, base_through, n1, n2, sample_ok,
    round(p1, 4) as value, round(p2, 4) as base_value, round(p1 - p2, 4) as change,
    round(newcombe_low(p1, l1, u1, p2, l2, u2), 4) as ci_low,
    round(newcombe_high(p1, l1, u1, p2, l2, u2), 4) as ci_high
  from proportions
  union all
  select year, scope, project_id, measure, from_quarter, through_quarter, base_from, base_through, n1, n2, sample_ok,
    round(1000.0 * x1 / n1, 3), round(1000.0 * x2 / n2, 3), round(1000.0 * (x1 / n1 - x2 / n2), 3),
    round(1000.0 * (x1 / n1 - x2 / n2) - 1000.0 * poisson_difference_margin(x1, n1, x2, n2, z), 3),
    round(1000.0 * (x1 / n1 - x2 / n2) + 1000.0 * poisson_difference_margin(x1, n1, x2, n2, z), 3)
  from pairs where unit = 'per_1000'
  union all
  select year, scope, project_id, measure, from_quarter, through_quarter, base_from, base_through, n1, n2, sample_ok,
    round(m1, 1), round(m2, 1), round(m1 - m2, 1),
    round(m1 - m2 - t_crit * se, 1), round(m1 - m2 + t_crit * se, 1)
  from (
    select w.*, (select t.t from ref_t_critical_95 t where t.df <= greatest(floor(w.df + 1e-9), 1) order by t.df desc limit 1) as t_crit
    from welch_df w
  )
)
select
  year, scope, project_id, measure, from_quarter, through_quarter, base_from, base_through,
  n1 as n, n2 as base_n, value, base_value,
  case when sample_ok then change end as change,
  case when sample_ok then ci_low end as ci_low,
  case when sample_ok then ci_high end as ci_high,
  case when sample_ok then (ci_low > 0 or ci_high < 0) end as significant,
  case when sample_ok then 'ok' else 'insufficient_sample' end as sample_note
from changes
