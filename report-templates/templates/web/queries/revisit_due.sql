-- The revisit due list of the customer-service department (mart revisit_due_households): households
-- still to visit where a first or annual revisit is under its requirement, by project.
-- Parameters: $1 = the reader's projects (comma-separated) or null for all.
select project_id, survey_type, year, household_id, building, unit, room_pseudonym, last_contact_at,
  households_to_visit as project_still_to_visit, coverage as project_coverage
from revisit_due_households
where cast($1 as varchar) is null or list_contains(string_split($1, ','), project_id)
order by project_id, survey_type desc, building, unit, room_pseudonym, household_id
limit 2000
