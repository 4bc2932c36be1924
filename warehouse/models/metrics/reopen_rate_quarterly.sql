-- Depends: stg_complaint_facts
-- Metric: reopen rate (重开率), per quarter, by project and for the company.
-- Grain: one row per quarter (of the cycle's end) and project, plus one row per quarter for the
--        company (project_id null, scope 'company').
-- Sources: stg_complaint_facts (one row per ended complaint cycle).
-- Definitions:
--   ended_cycles    = complaint cycles that ended in the quarter, closed or reopened
--   reopened_cycles = those ended by a reopen (the customer came back on the same complaint,
--                     explicitly or by the complaint being resolved again; counted once per cycle)
--   reopen_rate     = reopened_cycles / ended_cycles
-- Test: check(reopened_cycles <= ended_cycles and reopen_rate between 0 and 1)
select
  strftime(ended_at, '%Y') || 'Q' || quarter(ended_at) as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as ended_cycles,
  count(*) filter (where ended_by_reopen) as reopened_cycles,
  round(count(*) filter (where ended_by_reopen) / count(*), 4) as reopen_rate
from stg_complaint_facts
where ended_at is not null
group by grouping sets ((1, project_id), (1))
