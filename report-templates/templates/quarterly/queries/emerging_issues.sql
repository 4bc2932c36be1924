-- Emerging issues of the report period (metric emerging_issues_weekly), one row per project and
-- term: the first week it surged, its mentions and lift that week, and in how many weeks of the
-- period it surged; the most unlikely first, at most eight.
-- Parameters: $1, $2 = first and last quarter of the period (the same quarter for a quarterly report).
select project_id, project_name, term,
  min(week_start) as first_week,
  count(*) as surge_weeks,
  arg_min(observed, week_start) as observed,
  arg_min(expected, week_start) as expected,
  arg_min(lift_percent, week_start) as lift_percent,
  min(p_value) as p_value
from emerging_issues_weekly
where quarter between $1 and $2
group by project_id, project_name, term
order by p_value, project_id, term
limit 8
