-- Refresh: by project_id
-- Depends: stg_callback_surveys, stg_complaint_events, stg_service_interactions, revisit_coverage
-- Grain: one row per household still to visit, project and survey type (and year for the annual revisit).
-- Sources: revisit_coverage (last_annual_year: the year of the annual revisit, on every row), stg_complaint_events, stg_service_interactions, stg_callback_surveys.
-- Question: the due list of the customer-service department (002 §3.7.5.1-2): where a revisit is
-- 'under' its requirement (the first revisit of a community once due; the annual revisit of the
-- last year with answered surveys), the households of the project that the platform knows of (from a
-- complaint, a service interaction or a survey) and that have no answered survey of that type (in
-- that year), with where they live as last recorded: building and unit, the room as its keyed
-- pseudonym (`qualityloop room check` tells a quality manager whether it is a given room). Households the platform never heard from are
-- not listed: the project's shortfall (households_to_visit of revisit_coverage) says how many the
-- department must still reach, listed or not.
-- Test: unique(project_id, survey_type, year, household_id)
-- Test: not_null(project_id, survey_type, household_id, households_to_visit)
-- Test: accepted_values(survey_type: FIRST_REVISIT, ANNUAL_REVISIT)
with due as (
  select project_id, survey_type, year, households_to_visit, occupied_households, coverage
  from revisit_coverage
  where status = 'under'
    and (survey_type = 'FIRST_REVISIT' or year = last_annual_year)
),

contacts as (
  select project_id, household_id, building, unit, room_pseudonym, occurred_at from stg_complaint_events where household_id is not null
  union all
  select project_id, household_id, building, unit, room_pseudonym, occurred_at from stg_service_interactions where household_id is not null
  union all
  select project_id, household_id, building, unit, room_pseudonym, occurred_at from stg_callback_surveys where household_id is not null
),

households as (
  select project_id, household_id,
    arg_max(building, occurred_at) filter (where building is not null) as building,
    arg_max(unit, occurred_at) filter (where unit is not null) as unit,
    arg_max(room_pseudonym, occurred_at) filter (where room_pseudonym is not null) as room_pseudonym,
    max(occurred_at) as last_contact_at
  from contacts
  group by project_id, household_id
)

select d.project_id, d.survey_type, d.year, h.household_id, h.building, h.unit, h.room_pseudonym, h.last_contact_at,
  d.households_to_visit, d.occupied_households, d.coverage
from due d
join households h using (project_id)
where not exists (
  select 1 from stg_callback_surveys s
  where s.project_id = d.project_id and s.household_id = h.household_id and s.survey_type = d.survey_type
    and (d.year is null or year(s.occurred_at) = d.year))
