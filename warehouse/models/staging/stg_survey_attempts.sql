-- Refresh: append
-- Depends: none
-- Grain: one row per survey sent: every callback call, questionnaire or revisit that asked the
--        customer for a survey, answered or not.
-- Sources: lake table callback_surveys.
-- Question: how many surveys went out and how each came out (the response rate's denominator).
-- Test: unique(survey_id)
-- Test: not_null(survey_id, occurred_at, survey_type, project_id, response)
-- Test: accepted_values(response: ANSWERED, NO_ANSWER, REFUSED, UNREACHABLE)
-- Test: check((response = 'ANSWERED') = (score_overall is not null))
select
  event_id as survey_id,
  occurred_at,
  strftime(occurred_at, '%Y') || 'Q' || quarter(occurred_at) as quarter,
  survey_type,
  channel,
  project_id,
  household_id,
  staff_id,
  complaint_id,
  coalesce(response, 'ANSWERED') as response,
  score_overall
from {{ source('callback_surveys') }}
