-- Depends: ref_metric_settings, fct_surveys
-- Grain: one row per quarter and project, plus one row per quarter for the company (project_id
--        null, scope 'company').
-- Sources: fct_surveys, ref_metric_settings (confidence_z).
-- Question: what a change in satisfaction needs to be judged: answers, mean and sample variance
-- of the 0-100 points, top-2-box count and share with its Wilson score interval.
--   quarter_index     = year * 4 + quarter - 1 (the previous quarter is index - 1, a year ago - 4)
--   index_variance    = sample variance (n - 1) of overall_points; null for one answer
--   top2box_wilson_*  = Wilson score interval (macros/statistics.sql) at confidence_z
-- Test: not_null(quarter, quarter_index, responses)
-- Test: check(top2box_wilson_low <= top2box_rate + 1e-9 and top2box_rate <= top2box_wilson_high + 1e-9)
with counts as (
  select
    survey_quarter as quarter,
    case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
    project_id,
    count(*) as responses,
    avg(overall_points) as index_mean,
    var_samp(overall_points) as index_variance,
    count(*) filter (where is_top2box) as top2box,
    count(*) filter (where is_top2box) / count(*) as top2box_rate
  from fct_surveys
  group by grouping sets ((survey_quarter, project_id), (survey_quarter))
),
z as (
  select value as z from ref_metric_settings where setting = 'confidence_z'
)
select
  c.*,
  cast(substr(c.quarter, 1, 4) as integer) * 4 + cast(substr(c.quarter, 6, 1) as integer) - 1 as quarter_index,
  greatest(0.0, wilson_low(c.top2box, c.responses, z)) as top2box_wilson_low,
  least(1.0, wilson_high(c.top2box, c.responses, z)) as top2box_wilson_high
from counts c, z
