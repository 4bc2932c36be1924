-- Repeat complaints (重复投诉) of the report period (metric repeat_complaints_quarterly): the company
-- first, then the projects with the highest repeat rate, at most ten. Over several quarters the
-- counts are summed and the rate is repeats / complaints; households are summed per quarter.
-- Parameters: $1, $2 = first and last quarter of the period (the same quarter for a quarterly report).
with period as (
  select scope, project_id, sum(complaints) as complaints, sum(repeat_complaints) as repeat_complaints,
    sum(households_repeating) as households_repeating, any_value(window_days) as window_days
  from repeat_complaints_quarterly r
  cross join (select cast(value as integer) as window_days from ref_metric_settings where setting = 'repeat_complaint_window_days')
  where quarter between $1 and $2
  group by scope, project_id
)
select r.scope, r.project_id, p.name_zh as project_name, r.complaints, r.repeat_complaints, r.households_repeating,
  round(r.repeat_complaints / r.complaints, 4) as repeat_rate, r.window_days
from period r
left join ref_projects p using (project_id)
order by r.scope = 'company' desc, repeat_rate desc, r.repeat_complaints desc, r.project_id
limit 11
