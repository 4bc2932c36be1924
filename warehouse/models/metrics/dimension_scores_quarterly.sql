-- Depends: fct_dimension_scores
-- Metric: per-dimension satisfaction scores (分项满意度), per quarter, by project and company.
-- Grain: one row per quarter, project (or the company: project_id null, scope 'company') and
--        dimension (response_speed, completeness, professionalism, attitude, result, overall).
-- Sources: fct_dimension_scores (each project's sums over stg_callback_surveys, the dimensions of
--          《客户满意度调查表》, docs/domain.md "Surveys and satisfaction").
-- Definitions:
--   answers     = surveys in the quarter that scored the dimension (1-5); a survey that left it
--                 blank does not count for it
--   score       = mean of (score - 1) / 4 * 100 over those answers (0-100, as the index)
--   top2box_rate = answers of 4-5 / answers
-- Test: accepted_values(dimension: response_speed, completeness, professionalism, attitude, result, overall)
-- Test: check(score between 0 and 100 and top2box_rate between 0 and 1)
select
  quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  dimension,
  cast(sum(answers) as bigint) as answers,
  round(sum(score_points) / sum(answers), 1) as score,
  round(sum(top2_answers) / sum(answers), 4) as top2box_rate
from fct_dimension_scores
group by grouping sets ((quarter, project_id, dimension), (quarter, dimension))
