-- Depends: fct_followups
-- Metric: follow-ups closed on time (跟进按时关闭率), per quarter of the due date, by kind and project.
-- With the company's totals and all kinds together.
-- Grain: one row per due quarter, kind (breach, escalation, emerging_issue, callback, or 'all') and
--        project (null with scope 'company').
-- Sources: fct_followups (due_on = followup_due_working_days, 3, working days after the day it opened).
-- Definitions:
--   due              = follow-ups whose due date falls in the quarter (a quarter that has ended has
--                      every one of them past due, so the figure is final once the quarter is over)
--   closed           = of those, closed (at any time, as the lake holds them)
--   closed_on_time   = closed on or before the due date
--   still_open       = not closed
--   on_time_rate     = closed_on_time / due
-- Test: unique(quarter, kind, scope, project_id)
-- Test: check(closed_on_time <= closed and closed + still_open = due and on_time_rate between 0 and 1)
select
  due_quarter as quarter,
  case when grouping(kind) = 1 then 'all' else kind end as kind,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as due,
  count(*) filter (where status = 'closed') as closed,
  count(*) filter (where closed_on_time) as closed_on_time,
  count(*) filter (where status <> 'closed') as still_open,
  round(count(*) filter (where closed_on_time) / count(*), 4) as on_time_rate
from fct_followups
group by grouping sets ((due_quarter, kind, project_id), (due_quarter, kind), (due_quarter, project_id), (due_quarter))
