-- Refresh: by survey_id
-- Depends: stg_callback_surveys
-- Grain: one row per answered survey that scored every dimension and the overall question.
-- Sources: stg_callback_surveys.
-- Question: the answers a key-driver analysis can use: which dimension moves the overall score?
-- The analysis (KeyDrivers, warehouse) regresses, per quarter, score_overall on the five dimension
-- scores by ordinary least squares over these rows:
--   importance of a dimension = its coefficient: the change of the overall score (1-5) for one
--                               more point on that dimension, the others held equal; 95% interval
--                               = coefficient +- t(0.975, n - 6) * standard error
--   performance               = the dimension's score (metric dimension_scores_quarterly, 0-100)
--   minimum sample            = 10 answers per dimension (50) and at least min_responses; fewer:
--                               no analysis ("insufficient sample")
-- Importance-performance matrix (GB/T 19038): a dimension of importance at or above the mean of
-- the five and performance below theirs is a "fix first" (重点改进); the highest-importance of
-- these is named.
-- Test: unique(survey_id)
-- Test: check(score_overall between 1 and 5 and score_response_speed between 1 and 5 and score_result between 1 and 5)
select survey_id, strftime(occurred_at, '%Y') || 'Q' || quarter(occurred_at) as quarter, project_id,
  score_response_speed, score_completeness, score_professionalism, score_attitude, score_result, score_overall
from stg_callback_surveys
where score_response_speed is not null and score_completeness is not null and score_professionalism is not null
  and score_attitude is not null and score_result is not null and score_overall is not null
