-- Depends: fct_surveys
-- Metric: Net Promoter Score (净推荐值, NPS), per quarter, by project and for the whole company.
-- Grain: one row per quarter and project, plus one row per quarter for the company (project_id
--        null, scope 'company').
-- Sources: fct_surveys (answered surveys; only those with an NPS answer 0-10 count).
-- Definitions:
--   nps_responses      = surveys in the quarter (by survey date) with an NPS answer
--   promoters          = answers 9-10; passives = 7-8; detractors = 0-6
--   nps                = (promoters - detractors) / nps_responses * 100, from -100 to 100
--   nps_standard_error = sqrt((p+ + p-) - (p+ - p-)^2) / sqrt(n) * 100, p+ = promoters / n,
--                        p- = detractors / n, n = nps_responses (standard error of a difference of
--                        two shares of one multinomial sample); a 95% interval is nps +- 1.96 * SE
-- Test: check(nps between -100 and 100)
-- Test: check(promoters + passives + detractors = nps_responses)
-- Test: accepted_values(scope: company, project)
with counts as (
  select
    survey_quarter as quarter,
    case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
    project_id,
    count(*) as nps_responses,
    count(*) filter (where nps >= 9) as promoters,
    count(*) filter (where nps between 7 and 8) as passives,
    count(*) filter (where nps <= 6) as detractors
  from fct_surveys
  where nps is not null
  group by grouping sets ((survey_quarter, project_id), (survey_quarter))
)
select
  *,
  round((promoters - detractors) * 100.0 / nps_responses, 1) as nps,
  round(sqrt((promoters + detractors) / nps_responses - power((promoters - detractors) / nps_responses, 2))
        / sqrt(nps_responses) * 100, 1) as nps_standard_error
from counts
