-- Grain: one row per answered survey.
-- Sources: stg_callback_surveys.
-- Question: each answer with its period and its overall score on the 0-100 satisfaction scale
-- (1-5 mapped linearly: 1 -> 0, 2 -> 25, 3 -> 50, 4 -> 75, 5 -> 100).
-- Test: unique(survey_id)
-- Test: same_rows(stg_callback_surveys)
-- Test: check(overall_points between 0 and 100)
select
  s.*,
  strftime(s.occurred_at, '%Y') || 'Q' || quarter(s.occurred_at) as survey_quarter,
  strftime(s.occurred_at, '%Y-%m') as survey_month,
  (s.score_overall - 1) * 25.0 as overall_points,
  s.score_overall >= 4 as is_top2box
from stg_callback_surveys s
