-- Depends: stg_callback_surveys
-- Metric: per-dimension satisfaction scores (分项满意度), per quarter, by project and company.
-- Grain: one row per quarter, project (or the company: project_id null, scope 'company') and
--        dimension (response_speed, completeness, professionalism, attitude, result, overall).
-- Sources: stg_callback_surveys (the dimensions of 《客户满意度调查表》, docs/domain.md "Surveys and
--          satisfaction").
-- Definitions:
--   answers     = surveys in the quarter that scored the dimension (1-5); a survey that left it
--                 blank does not count for it
--   score       = mean of (score - 1) / 4 * 100 over those answers (0-100, as the index)
--   top2box_rate = answers of 4-5 / answers
-- Test: accepted_values(dimension: response_speed, completeness, professionalism, attitude, result, overall)
-- Test: check(score between 0 and 100 and top2box_rate between 0 and 1)
with long as (
  select
    strftime(occurred_at, '%Y') || 'Q' || quarter(occurred_at) as quarter,
    project_id,
    d.dimension,
    d.score
  from stg_callback_surveys,
  lateral (values
    ('response_speed', score_response_speed), ('completeness', score_completeness),
    ('professionalism', score_professionalism), ('attitude', score_attitude),
    ('result', score_result), ('overall', score_overall)) d(dimension, score)
  where d.score is not null
)
select
  quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  dimension,
  count(*) as answers,
  round(avg((score - 1) * 25.0), 1) as score,
  round(avg(case when score >= 4 then 1.0 else 0.0 end), 4) as top2box_rate
from long
group by grouping sets ((quarter, project_id, dimension), (quarter, dimension))
