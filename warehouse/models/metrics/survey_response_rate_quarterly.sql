-- Depends: ref_metric_settings, stg_survey_attempts
-- Metric: survey response rate (回访应答率), per quarter and survey type.
-- Grain: one row per quarter, survey type and project, plus one row per quarter and survey type
--        for the whole company (project_id null, scope 'company').
-- Sources: stg_survey_attempts (every survey sent: answered or recorded as not answered),
--          ref_metric_settings (confidence_z).
-- Definitions:
--   sent          = survey attempts in the quarter (by attempt time): each call, questionnaire or
--                   visit that asked for the survey; a household tried twice counts twice
--   answered      = those answered (ANSWERED); no_answer, refused, unreachable: the others
--   response_rate = answered / sent, in the same window
--   response_rate_low, response_rate_high = Wilson score interval of response_rate at confidence_z
--                   (ref_metric_settings; 1.96: 95%), macros/statistics.sql
-- Test: check(answered + no_answer + refused + unreachable = sent)
-- Test: check(response_rate between response_rate_low and response_rate_high)
-- Test: unique(quarter, survey_type, project_id)
with counts as (
  select
    quarter,
    survey_type,
    case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
    project_id,
    count(*) as sent,
    count(*) filter (where response = 'ANSWERED') as answered,
    count(*) filter (where response = 'NO_ANSWER') as no_answer,
    count(*) filter (where response = 'REFUSED') as refused,
    count(*) filter (where response = 'UNREACHABLE') as unreachable
  from stg_survey_attempts
  group by grouping sets ((quarter, survey_type, project_id), (quarter, survey_type))
),
settings as (
  select value as z from ref_metric_settings where setting = 'confidence_z'
)
select counts.*,
  round(answered / sent, 4) as response_rate,
  round(wilson_low(answered, sent, z), 4) as response_rate_low,
  round(wilson_high(answered, sent, z), 4) as response_rate_high
from counts, settings
