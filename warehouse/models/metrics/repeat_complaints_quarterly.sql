-- Depends: fct_complaints, fct_repeat_complaints
-- Metric: repeat complaints (重复投诉) per household, per quarter, by project and for the company.
-- Grain: one row per quarter (of receipt) and project with complaints, plus one row per quarter for
--        the company (project_id null, scope 'company').
-- Sources: fct_complaints, fct_repeat_complaints (window from ref_metric_settings
--          repeat_complaint_window_days, 90 days as shipped).
-- Definitions (docs/domain.md "Who reads what": repeat complaints):
--   complaints            = complaints received in the quarter (with or without a known household)
--   repeat_complaints     = those that are a repeat of their household: an earlier complaint of the
--                           same household at most window_days days before, or at any time before
--                           about the same building component (fct_repeat_complaints)
--   households_repeating  = distinct households with a repeat complaint received in the quarter
--   repeat_rate           = repeat_complaints / complaints (0 when none repeats)
-- Test: check(repeat_complaints <= complaints and repeat_rate between 0 and 1)
-- Test: check(households_repeating <= repeat_complaints)
-- Test: unique(quarter, scope, project_id)
select
  c.received_quarter as quarter,
  case when grouping(c.project_id) = 1 then 'company' else 'project' end as scope,
  c.project_id,
  count(*) as complaints,
  count(*) filter (where r.is_repeat) as repeat_complaints,
  count(distinct r.household_id) filter (where r.is_repeat) as households_repeating,
  round(count(*) filter (where r.is_repeat) / count(*), 4) as repeat_rate
from fct_complaints c
left join fct_repeat_complaints r using (complaint_id)
group by grouping sets ((c.received_quarter, c.project_id), (c.received_quarter))
