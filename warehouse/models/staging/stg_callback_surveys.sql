-- Refresh: append
-- Depends: none
-- Grain: one row per answered survey (回访 / 客户满意度调查表).
-- Sources: lake table callback_surveys (attempts recorded as not answered are left out here; they
--          are in stg_survey_attempts, for the response rate).
-- Question: every survey answer, typed.
-- Test: unique(survey_id)
-- Test: not_null(survey_id, occurred_at, survey_type, project_id, score_overall)
-- Test: check(score_overall between 1 and 5)
-- Test: check(nps is null or nps between 0 and 10)
-- Test: same_rows(select * from stg_survey_attempts where response = 'ANSWERED')
select
  event_id as survey_id,
  occurred_at,
  cast(occurred_at as date) as occurred_on,
  survey_type,
  channel,
  project_id,
  building,
  unit,
  room_pseudonym,
  household_id,
  staff_id,
  complaint_id,
  score_response_speed,
  score_completeness,
  score_professionalism,
  score_attitude,
  score_result,
  score_overall,
  nps,
  dissatisfied_items,
  comment
from {{ source('callback_surveys') }}
where coalesce(response, 'ANSWERED') = 'ANSWERED'
