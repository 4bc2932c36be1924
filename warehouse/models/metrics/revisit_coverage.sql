-- Depends: ref_metric_settings, ref_projects, stg_callback_surveys
-- Metric: revisit coverage (回访覆盖率) of occupied households, per project: the first revisit of
-- a community (ever) and the annual sample revisit (per year), against 002 §3.7.5.1-2.
-- Grain: one row per project and survey type: FIRST_REVISIT (year null) for every project;
--        ANNUAL_REVISIT for every project and every year from the year after its delivery through the
--        last year with an answered survey of any type (a project without a revisit shows 0).
-- Sources: stg_callback_surveys, ref_projects (households, occupied_households, delivery_date),
--          ref_metric_settings (first_revisit_due_occupancy 0.5, first_revisit_min_coverage 0.9,
--          annual_revisit_min_sample 0.1, annual_revisit_max_sample 0.25 as shipped).
-- Definitions (docs/domain.md "Surveys and satisfaction"):
--   households_surveyed = distinct households with an answered survey of the type (in the year); 0 when none
--   coverage            = households_surveyed / occupied_households (0 when no household is occupied)
--   is_due              = first revisit: occupied_households >= first_revisit_due_occupancy * households;
--                         annual revisit: always
--   required_households = the fewest households that meet the requirement: ceil(min share * occupied)
--   households_to_visit = greatest(required_households - households_surveyed, 0)
--   first revisit: 'meets' when coverage >= first_revisit_min_coverage; else 'not_due' when not due
--                  (fewer than half moved in: not yet required); else 'before_data' when the project
--                  has no first revisit in the data and was delivered before the first answered
--                  survey of the warehouse (its first revisit may predate the records: shown with its
--                  0%, not put on the due list); else 'under'
--   annual revisit: 'under' below annual_revisit_min_sample (never allowed), 'over' above
--                   annual_revisit_max_sample (more than the sample needs), else 'meets'
--   last_annual_year = the last year with annual-revisit rows, the same on every row (null when none):
--                      the year whose annual revisit the due list follows (revisit_due_households)
-- Test: accepted_values(status: meets, under, over, not_due, before_data)
-- Test: accepted_values(survey_type: FIRST_REVISIT, ANNUAL_REVISIT)
-- Test: unique(project_id, survey_type, year)
-- Test: not_null(min_share, max_share, households_surveyed, coverage)
-- Test: check(households_to_visit >= 0 and (status <> 'under' or households_to_visit > 0))
with settings as (
  select
    max(value) filter (where setting = 'first_revisit_due_occupancy') as due_occupancy,
    max(value) filter (where setting = 'first_revisit_min_coverage') as first_min,
    max(value) filter (where setting = 'annual_revisit_min_sample') as annual_min,
    max(value) filter (where setting = 'annual_revisit_max_sample') as annual_max
  from ref_metric_settings
),

surveyed as (
  select project_id, survey_type,
    case when survey_type = 'ANNUAL_REVISIT' then year(occurred_at) end as year,
    count(distinct household_id) as households_surveyed
  from stg_callback_surveys
  where survey_type in ('FIRST_REVISIT', 'ANNUAL_REVISIT')
  group by all
),

expected as (
  select p.project_id, 'FIRST_REVISIT' as survey_type, cast(null as bigint) as year from ref_projects p
  union all
  select p.project_id, 'ANNUAL_REVISIT', y.year
  from ref_projects p
  join (select distinct year(occurred_at) as year from stg_callback_surveys) y on y.year > year(p.delivery_date)
  union
  select project_id, survey_type, year from surveyed where project_id in (select project_id from ref_projects)
),

measured as (
  select
    e.project_id, e.survey_type, e.year, coalesce(s.households_surveyed, 0) as households_surveyed,
    p.households, p.occupied_households,
    case when e.survey_type = 'FIRST_REVISIT' then st.first_min else st.annual_min end as min_share,
    case when e.survey_type = 'FIRST_REVISIT' then 1.0 else st.annual_max end as max_share,
    e.survey_type = 'ANNUAL_REVISIT' or p.occupied_households >= round(st.due_occupancy * p.households, 6) as is_due,
    p.delivery_date < (select min(occurred_on) from stg_callback_surveys) as delivered_before_data
  from expected e
  join ref_projects p using (project_id)
  cross join settings st
  left join surveyed s on s.project_id = e.project_id and s.survey_type = e.survey_type and s.year is not distinct from e.year
),

shares as (
  -- rounded so that 0.1 * 30 is 3 households, not 3.0000000000000004
  select *, round(min_share * occupied_households, 6) as min_households, round(max_share * occupied_households, 6) as max_households
  from measured
)

select
  project_id, survey_type, year, households_surveyed, households, occupied_households,
  case when occupied_households > 0 then round(households_surveyed / occupied_households, 4) else 0 end as coverage,
  case when survey_type = 'FIRST_REVISIT' then '≥ ' || cast(round(min_share * 100) as integer) || '%'
       else cast(round(min_share * 100) as integer) || '-' || cast(round(max_share * 100) as integer) || '%' end as requirement,
  min_share, max_share, is_due,
  cast(ceil(min_households) as integer) as required_households,
  greatest(cast(ceil(min_households) as integer) - households_surveyed, 0) as households_to_visit,
  case
    when survey_type = 'FIRST_REVISIT' and households_surveyed >= min_households then 'meets'
    when survey_type = 'FIRST_REVISIT' and not is_due then 'not_due'
    when survey_type = 'FIRST_REVISIT' and households_surveyed = 0 and delivered_before_data then 'before_data'
    when survey_type = 'FIRST_REVISIT' then 'under'
    when households_surveyed < min_households then 'under'
    when households_surveyed > max_households then 'over'
    else 'meets'
  end as status,
  max(year) filter (where survey_type = 'ANNUAL_REVISIT') over () as last_annual_year
from shares
