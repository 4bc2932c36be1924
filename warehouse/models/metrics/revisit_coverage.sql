-- Metric: revisit coverage (回访覆盖率) of occupied households, per project: the first revisit of
-- a community (ever) and the annual sample revisit (per year), against docs/domain.md's requirements.
-- Grain: one row per project and survey type (FIRST_REVISIT: year null; ANNUAL_REVISIT: one row
--        per year with answers).
-- Sources: stg_callback_surveys, ref_projects (occupied_households).
-- Definitions (docs/domain.md "Surveys and satisfaction"):
--   households_surveyed = distinct households with an answered survey of the type (in the year)
--   coverage            = households_surveyed / occupied_households
--   first revisit: requirement '>= 90%': status 'meets' when coverage >= 0.90, else 'under'
--   annual revisit: requirement '10-25%': 'under' below 0.10 (never allowed), 'over' above 0.25
--                   (more than the sample needs), else 'meets'
-- Test: accepted_values(status: meets, under, over)
-- Test: accepted_values(survey_type: FIRST_REVISIT, ANNUAL_REVISIT)
-- Test: unique(project_id, survey_type, year)
with surveyed as (
  select project_id, survey_type,
    case when survey_type = 'ANNUAL_REVISIT' then year(occurred_at) end as year,
    count(distinct household_id) as households_surveyed
  from stg_callback_surveys
  where survey_type in ('FIRST_REVISIT', 'ANNUAL_REVISIT')
  group by all
)
select
  s.project_id, s.survey_type, s.year, s.households_surveyed, p.occupied_households,
  round(s.households_surveyed / p.occupied_households, 4) as coverage,
  case when s.survey_type = 'FIRST_REVISIT' then '>= 90%' else '10-25%' end as requirement,
  case
    when s.survey_type = 'FIRST_REVISIT' then case when s.households_surveyed >= 0.90 * p.occupied_households then 'meets' else 'under' end
    when s.households_surveyed < 0.10 * p.occupied_households then 'under'
    when s.households_surveyed > 0.25 * p.occupied_households then 'over'
    else 'meets'
  end as status
from surveyed s
join ref_projects p using (project_id)
