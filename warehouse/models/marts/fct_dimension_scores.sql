-- Refresh: by project_id
-- Depends: stg_callback_surveys
-- Grain: one row per quarter (of the survey), project and dimension (response_speed, completeness,
--        professionalism, attitude, result, overall) with answers.
-- Sources: stg_callback_surveys (the dimensions of 《客户满意度调查表》).
-- Question: the sums behind metric dimension_scores_quarterly, per project: the metric adds them
-- up for the company, so a refresh computes again the projects a batch touched only.
--   answers      = surveys in the quarter that scored the dimension (1-5); a blank does not count
--   score_points = sum over those answers of (score - 1) * 25 (each answer's 0-100 points)
--   top2_answers = those answers of 4-5
-- Test: unique(quarter, project_id, dimension)
-- Test: not_null(quarter, project_id, dimension, answers, score_points, top2_answers)
-- Test: check(top2_answers <= answers and score_points between 0 and answers * 100)
select
  strftime(occurred_at, '%Y') || 'Q' || quarter(occurred_at) as quarter,
  project_id,
  d.dimension,
  count(*) as answers,
  cast(sum((d.score - 1) * 25) as bigint) as score_points,
  count(*) filter (where d.score >= 4) as top2_answers
from stg_callback_surveys,
lateral (values
  ('response_speed', score_response_speed), ('completeness', score_completeness),
  ('professionalism', score_professionalism), ('attitude', score_attitude),
  ('result', score_result), ('overall', score_overall)) d(dimension, score)
where d.score is not null
group by all
