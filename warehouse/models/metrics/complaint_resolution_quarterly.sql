-- Depends: stg_complaint_facts
-- Metric: response and resolution times of complaints, p50 and p90 (响应及处理时长), per quarter, by
-- project and for the company.
-- Grain: one row per quarter (of the cycle's resolution) and project, plus one row per quarter for
--        the company (project_id null, scope 'company').
-- Sources: stg_complaint_facts (ended complaint cycles with a resolution; a reopened complaint's
--          later cycle counts again, as the work it was).
-- Definitions:
--   resolved_cycles        = cycles whose resolved_at falls in the quarter
--   hours_to_accept_p50/p90 = percentiles of hours from receipt to acceptance (response time), over
--                            cycles that have an acceptance (a reopen cycle has none)
--   hours_to_resolve_p50/p90 = percentiles of hours from the cycle's start to its resolution
--   working_days_to_resolve_p50 = the same in working days of the company calendar
--   Percentiles are continuous (linear interpolation between ranks, quantile_cont), so p90 of
--   10, 20, 30, 40, 100 is 40 + 0.6 * (100 - 40) = 76.
-- Test: check(hours_to_resolve_p50 is null or hours_to_resolve_p50 <= hours_to_resolve_p90)
-- Test: check(resolved_cycles > 0)
select
  strftime(resolved_at, '%Y') || 'Q' || quarter(resolved_at) as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as resolved_cycles,
  round(quantile_cont(hours_to_accept, 0.5), 1) as hours_to_accept_p50,
  round(quantile_cont(hours_to_accept, 0.9), 1) as hours_to_accept_p90,
  round(quantile_cont(hours_to_resolve, 0.5), 1) as hours_to_resolve_p50,
  round(quantile_cont(hours_to_resolve, 0.9), 1) as hours_to_resolve_p90,
  round(quantile_cont(working_days_to_resolve, 0.5), 2) as working_days_to_resolve_p50
from stg_complaint_facts
where resolved_at is not null
group by grouping sets ((1, project_id), (1))
