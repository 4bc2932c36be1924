-- Refresh: by complaint_id
-- Depends: stg_callback_surveys, stg_complaint_facts
-- Grain: one row per callback survey that follows a complaint or repair and can be credited.
-- Sources: stg_callback_surveys, stg_complaint_facts (handler of each complaint cycle).
-- Question: whose work each customer answer judges. A callback rates the work on the complaint, so
-- it is credited to the staff member who handled the complaint's latest cycle started by the time
-- of the survey (a reopened complaint's second cycle may have another handler), not to whoever
-- made the call or closed the ticket. Surveys without a complaint (revisits), or whose complaint
-- has no ended cycle with a handler yet, are not credited to anyone.
--   *_points = (score - 1) / 4 * 100 of the survey's dimension; satisfaction_points = overall
--   project_id = the project of the credited complaint cycle (a scoped reader's scores use only
--                the answers of their projects)
-- Test: unique(survey_id)
-- Test: not_null(survey_id, staff_id, month, project_id)
with credited as (
  select s.survey_id, max(f.cycle) as cycle, arg_max(f.handler_staff_id, f.cycle) as staff_id,
    arg_max(f.project_id, f.cycle) as project_id
  from stg_callback_surveys s
  join stg_complaint_facts f on f.complaint_id = s.complaint_id and f.cycle_started_at <= s.occurred_at
  group by s.survey_id
)
select
  s.survey_id,
  s.occurred_at,
  strftime(s.occurred_at, '%Y-%m') as month,
  s.complaint_id,
  c.project_id,
  c.cycle,
  c.staff_id,
  s.staff_id as callback_staff_id,
  (s.score_response_speed - 1) * 25.0 as response_speed_points,
  (s.score_completeness - 1) * 25.0 as completeness_points,
  (s.score_professionalism - 1) * 25.0 as professionalism_points,
  (s.score_attitude - 1) * 25.0 as attitude_points,
  (s.score_overall - 1) * 25.0 as satisfaction_points
from stg_callback_surveys s
join credited c using (survey_id)
where c.staff_id is not null
