-- Depends: stg_complaint_facts
-- Metric: complaint callback coverage (投诉回访率), per quarter, by project and for the company.
-- Grain: one row per quarter (of closing) and project, plus one row per quarter for the company
--        (project_id null, scope 'company').
-- Sources: stg_complaint_facts (ended complaint cycles).
-- Definitions (docs/domain.md "Surveys and satisfaction": callback rate for complaints at least 90%):
--   closed_cycles     = cycles closed in the quarter (a cycle ended by a reopen was not closed)
--   called_back       = closed cycles with a callback (CALLBACK_DONE) before closing
--   callback_coverage = called_back / closed_cycles
--   Whether the callback came within one working day is the SLA rule callback_1wd
--   (sla_compliance_quarterly).
-- Test: check(called_back <= closed_cycles and callback_coverage between 0 and 1)
select
  strftime(closed_at, '%Y') || 'Q' || quarter(closed_at) as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as closed_cycles,
  count(*) filter (where callback_at is not null) as called_back,
  round(count(*) filter (where callback_at is not null) / count(*), 4) as callback_coverage
from stg_complaint_facts
where closed_at is not null and not coalesce(ended_by_reopen, false)
group by grouping sets ((1, project_id), (1))
