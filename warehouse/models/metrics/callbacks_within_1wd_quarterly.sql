-- Depends: stg_complaint_sla
-- Metric: complaint callbacks made within one working day of completion (一个工作日内回访率), per
-- quarter, by project and company.
-- Grain: one row per quarter (of the clock's start: the resolution) and project, plus one row per
--        quarter for the company (project_id null, scope 'company').
-- Sources: stg_complaint_sla (rule callback_1wd of reference/sla_rules.csv: from RESOLVED to
--          CALLBACK_DONE, one working day on the company calendar, so weekends, holidays and 调休
--          count as the business counts them).
-- Definitions (docs/domain.md "Callback surveys": within one working day of completion):
--   callbacks_due     = callback clocks that ended MET or MISSED (NOT_DUE: the cycle ended before
--                       the deadline without a callback being due, left out)
--   within_1wd        = MET; callbacks_within_1wd_rate = within_1wd / callbacks_due
--   Credited to the staff member who was to call back (handler_staff_id of the clock).
-- Test: check(within_1wd <= callbacks_due and callbacks_within_1wd_rate between 0 and 1)
select
  strftime(started_at, '%Y') || 'Q' || quarter(started_at) as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as callbacks_due,
  count(*) filter (where outcome = 'MET') as within_1wd,
  round(count(*) filter (where outcome = 'MET') / count(*), 4) as callbacks_within_1wd_rate
from stg_complaint_sla
where rule_id = 'callback_1wd' and outcome in ('MET', 'MISSED')
group by grouping sets ((1, project_id), (1))
