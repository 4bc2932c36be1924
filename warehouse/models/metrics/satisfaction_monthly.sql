-- Depends: fct_surveys
-- Metric: satisfaction index and top-2-box rate per month, whole company (the trend line).
-- Grain: one row per month.
-- Sources: fct_surveys.
-- Definitions: as in satisfaction_quarterly, by survey month.
-- Test: unique(month)
-- Test: check(satisfaction_index between 0 and 100)
select
  survey_month as month,
  count(*) as responses,
  round(avg(overall_points), 1) as satisfaction_index,
  round(avg(case when is_top2box then 1.0 else 0.0 end), 4) as top2box_rate
from fct_surveys
group by survey_month
