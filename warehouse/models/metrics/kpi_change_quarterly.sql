-- Depends: ref_metric_settings, after_sales_satisfaction_quarterly, callback_coverage_quarterly,
-- Depends: complaint_acceptance_quarterly, complaints_per_1000_households_quarterly,
-- Depends: first_contact_resolution_quarterly, reopen_rate_quarterly,
-- Depends: satisfaction_change_quarterly, sla_compliance_quarterly, survey_response_rate_quarterly
-- Metric: change of every company KPI against the previous quarter and the same quarter a year
-- before, with a 95% confidence interval and a significance flag (KPI 变化及显著性): what the
-- executive report states beside each number.
-- Grain: one row per quarter, measure and comparison ('previous_quarter',
--        'same_quarter_last_year'); only where both quarters have a value.
-- Sources: satisfaction_change_quarterly (satisfaction_index: Welch t; top2box_rate: Newcombe),
--          complaint_acceptance_quarterly, sla_compliance_quarterly, callback_coverage_quarterly,
--          reopen_rate_quarterly, first_contact_resolution_quarterly, after_sales_satisfaction_quarterly,
--          survey_response_rate_quarterly, complaints_per_1000_households_quarterly,
--          ref_metric_settings (min_responses, confidence_z).
-- Definitions:
--   proportions (accepted_within_24h, sla_compliance, callback_coverage, reopen_rate,
--   first_contact_resolution, survey_response_rate, after_sales_satisfaction): value = x / n of that metric's company row
--     (its successes over its cases); change = p1 - p2; interval by Newcombe's hybrid score
--     method from the two Wilson intervals at confidence_z (as for top-2-box; macros/statistics.sql)
--   complaints_per_1000_households: a Poisson rate; change = r1 - r2 with r = 1000 * c / h;
--     interval = change +- z * 1000 * sqrt(c1 / h1^2 + c2 / h2^2) (Poisson, normal approximation;
--     z = confidence_z of ref_metric_settings, 1.96: 95%)
--   significant = the interval excludes 0
--   sample_note = 'insufficient_sample' when either quarter has fewer than min_responses cases
--     (n; households for the complaint rate): then change, interval and significant are null
-- Test: accepted_values(comparison: previous_quarter, same_quarter_last_year)
-- Test: accepted_values(sample_note: ok, insufficient_sample)
-- Test: check(sample_note = 'insufficient_sample' or (ci_low <= change and change <= ci_high))
-- Test: unique(quarter, measure, comparison)
with settings as (
  select
    max(value) filter (where setting = 'min_responses') as min_responses,
    max(value) filter (where setting = 'confidence_z') as z
  from ref_metric_settings
),
proportions as (
  select quarter, 'accepted_within_24h' as measure, accepted_within_24h as x, complaints_judged as n
  from complaint_acceptance_quarterly where scope = 'company' and complaints_judged > 0
  union all
  select quarter, 'sla_compliance', met, clocks from sla_compliance_quarterly where scope = 'all_rules'
  union all
  select quarter, 'callback_coverage', called_back, closed_cycles from callback_coverage_quarterly where scope = 'company'
  union all
  select quarter, 'reopen_rate', reopened_cycles, ended_cycles from reopen_rate_quarterly where scope = 'company'
  union all
  select quarter, 'first_contact_resolution', first_contact_resolved, resolved
  from first_contact_resolution_quarterly where scope = 'company'
  union all
  select quarter, 'survey_response_rate', sum(answered), sum(sent) from survey_response_rate_quarterly
  where scope = 'company' group by quarter
  union all
  select quarter, 'after_sales_satisfaction', satisfied, responses from after_sales_satisfaction_quarterly where scope = 'company'
),
wilson as (
  select quarter, measure, x, n, x / n as p,
    wilson_low(x, n, s.z) as l,
    wilson_high(x, n, s.z) as u,
    cast(left(quarter, 4) as integer) * 4 + cast(right(quarter, 1) as integer) as quarter_index
  from proportions, settings s
  where n > 0
),
comparisons as (
  select * from (values ('previous_quarter', 1), ('same_quarter_last_year', 4)) o(comparison, quarters_back)
),
proportion_changes as (
  select c.quarter, c.measure, o.comparison, b.quarter as base_quarter, c.n, b.n as base_n, c.p as value, b.p as base_value,
    c.p - b.p as change,
    newcombe_low(c.p, c.l, c.u, b.p, b.l, b.u) as ci_low,
    newcombe_high(c.p, c.l, c.u, b.p, b.l, b.u) as ci_high
  from wilson c
  cross join comparisons o
  join wilson b on b.measure = c.measure and b.quarter_index = c.quarter_index - o.quarters_back
),
rates as (
  select quarter, complaints as c, occupied_households as h,
    cast(left(quarter, 4) as integer) * 4 + cast(right(quarter, 1) as integer) as quarter_index
  from complaints_per_1000_households_quarterly where scope = 'company' and occupied_households > 0
),
rate_changes as (
  select c.quarter, 'complaints_per_1000_households' as measure, o.comparison, b.quarter as base_quarter,
    c.h as n, b.h as base_n, 1000.0 * c.c / c.h as value, 1000.0 * b.c / b.h as base_value,
    1000.0 * c.c / c.h - 1000.0 * b.c / b.h as change,
    1000.0 * poisson_difference_margin(c.c, c.h, b.c, b.h, s.z) as margin
  from rates c
  cross join comparisons o
  cross join settings s
  join rates b on b.quarter_index = c.quarter_index - o.quarters_back
),
all_changes as (
  select quarter, measure, comparison, base_quarter, n, base_n, round(value, 4) as value, round(base_value, 4) as base_value,
    round(change, 4) as change, round(ci_low, 4) as ci_low, round(ci_high, 4) as ci_high
  from proportion_changes
  union all
  select quarter, measure, comparison, base_quarter, n, base_n, round(value, 3), round(base_value, 3),
    round(change, 3), round(change - margin, 3), round(change + margin, 3)
  from rate_changes
)
select
  quarter, measure, comparison, base_quarter, n, base_n, value, base_value,
  case when ok then change end as change,
  case when ok then ci_low end as ci_low,
  case when ok then ci_high end as ci_high,
  case when ok then (ci_low > 0 or ci_high < 0) end as significant,
  case when ok then 'ok' else 'insufficient_sample' end as sample_note
from (
  select a.*, a.n >= s.min_responses and a.base_n >= s.min_responses as ok
  from all_changes a cross join settings s
)
union all
select quarter, measure, comparison, base_quarter, responses, base_responses, value, base_value,
  change, ci_low, ci_high, significant, sample_note
from satisfaction_change_quarterly
where scope = 'company'
