-- Depends: fct_surveys
-- Metric: after-sales satisfaction rate (售后满意率), per quarter, by project and for the company,
-- against the after-sales target of kpi_targets.csv (82%, 001 §3.1).
-- Grain: one row per quarter (of the survey) and project, plus one row per quarter for the company
--        (project_id null, scope 'company').
-- Sources: fct_surveys.
-- Definitions:
--   after-sales surveys = answered callbacks after a repair or a complaint (survey_type
--                         REPAIR_CALLBACK, COMPLAINT_CALLBACK); community revisits are not after-sales
--   responses           = those answered in the quarter
--   satisfied           = of those, overall score 4 or 5 (满意率 = satisfied respondents / valid sample)
--   satisfaction_rate   = satisfied / responses
-- Test: check(satisfied <= responses and satisfaction_rate between 0 and 1)
-- Test: accepted_values(scope: company, project)
select
  survey_quarter as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as responses,
  count(*) filter (where is_top2box) as satisfied,
  round(count(*) filter (where is_top2box) / count(*), 4) as satisfaction_rate
from fct_surveys
where survey_type in ('REPAIR_CALLBACK', 'COMPLAINT_CALLBACK')
group by grouping sets ((survey_quarter, project_id), (survey_quarter))
