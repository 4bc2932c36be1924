-- Depends: ref_projects, fct_complaints
-- Metric: complaints per 1,000 occupied households (千户投诉量), per quarter.
-- Grain: one row per quarter and project, plus one row per quarter for the company (scope 'company').
-- Sources: fct_complaints, ref_projects (occupied households).
-- Definitions:
--   complaints = complaints first received in the quarter
--   rate       = complaints / occupied households * 1000; the company row divides all complaints by
--                the occupied households of all projects in ref_projects.
with counts as (
  select received_quarter as quarter, project_id, count(*) as complaints
  from fct_complaints
  group by all
),

per_project as (
  select c.quarter, 'project' as scope, c.project_id, c.complaints, p.occupied_households
  from counts c
  join ref_projects p using (project_id)
),

company as (
  select quarter, 'company' as scope, null as project_id, sum(complaints) as complaints,
    (select sum(occupied_households) from ref_projects) as occupied_households
  from counts
  group by quarter
)

select *, round(complaints * 1000.0 / occupied_households, 3) as complaints_per_1000_households
from (select * from per_project union all select * from company)
