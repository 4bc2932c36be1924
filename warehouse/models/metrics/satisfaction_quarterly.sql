-- Depends: fct_surveys
-- Metric: satisfaction index (满意度指数) and top-2-box rate (满意率), per quarter.
-- Grain: one row per quarter and project, plus one row per quarter for the whole company
--        (project_id null, scope 'company').
-- Sources: fct_surveys (every answered survey: callbacks after repairs and complaints, first and
--          annual revisits).
-- Definitions:
--   satisfaction_index = mean over responses of (score_overall - 1) / 4 * 100   (0-100 scale)
--   top2box_rate       = responses with score_overall in (4, 5) / all responses (NOT good/(good+bad))
--   responses          = answered surveys in the quarter (by survey date)
-- Test: check(satisfaction_index between 0 and 100 and top2box_rate between 0 and 1)
-- Test: accepted_values(scope: company, project)
select
  survey_quarter as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as responses,
  round(avg(overall_points), 1) as satisfaction_index,
  round(avg(case when is_top2box then 1.0 else 0.0 end), 4) as top2box_rate
from fct_surveys
group by grouping sets ((survey_quarter, project_id), (survey_quarter))
