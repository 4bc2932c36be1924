-- Revisit coverage (metric revisit_coverage) for the report: every project's first revisit and its
-- annual sample revisit of the report's year; projects short of the requirement first.
-- Parameters: $1 = the year of the report period (its last quarter's year).
select r.project_id, p.name_zh as project_name, r.survey_type, r.year, r.households_surveyed, r.occupied_households,
  r.coverage, r.requirement, r.households_to_visit, r.status
from revisit_coverage r
left join ref_projects p using (project_id)
where r.survey_type = 'FIRST_REVISIT' or r.year = cast($1 as integer)
order by r.survey_type desc, case r.status when 'under' then 0 when 'over' then 1 when 'meets' then 2 else 3 end, r.coverage, r.project_id
