-- Refresh: by project_id
-- Depends: stg_complaint_sla
-- Metric: SLA compliance (时限达成率) by month, rule, project, responsible department and handler.
-- Grain: one row per month (of the clock's start), rule, project, department and handler.
-- Sources: stg_complaint_sla (clocks of ended complaint cycles).
-- Definitions:
--   clocks          = clocks of the rule that were due: outcome MET or MISSED (NOT_DUE is left out:
--                     the cycle ended before the deadline without the step, e.g. no callback needed)
--   met / missed    = clocks stopped by their deadline / stopped late or never stopped by the deadline
--   compliance_rate = met / clocks
--   handler         = the staff member who performed the stopping step (or the starting step when it
--                     never came): the person credited, not whoever closed the ticket
-- Counts add up across any of the dimensions; rates must be recomputed from the counts.
-- Test: check(met + missed = clocks)
select
  strftime(started_at, '%Y-%m') as month,
  strftime(started_at, '%Y') || 'Q' || quarter(started_at) as quarter,
  rule_id,
  project_id,
  responsible_department,
  handler_staff_id,
  count(*) as clocks,
  count(*) filter (where outcome = 'MET') as met,
  count(*) filter (where outcome = 'MISSED') as missed,
  round(count(*) filter (where outcome = 'MET') / count(*), 4) as compliance_rate
from stg_complaint_sla
where outcome in ('MET', 'MISSED')
group by all
