-- The callbacks about the complaint (回访, 002 §3.5.4): every attempt (stg_survey_attempts) with how it
-- came out and, when answered, its scores (stg_callback_surveys: each 1-5, NPS 0-10) and the items
-- marked dissatisfied. The callback's own deadline is among the deadlines (rule callback_1wd).
-- Parameters: $1 = complaint id.
select a.occurred_at, a.survey_type, a.channel, a.staff_id, a.response, s.score_overall, s.score_response_speed,
  s.score_completeness, s.score_professionalism, s.score_attitude, s.score_result, s.nps, s.dissatisfied_items
from stg_survey_attempts a
left join stg_callback_surveys s using (survey_id)
where a.complaint_id = $1
order by a.occurred_at, a.survey_id
