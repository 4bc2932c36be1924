-- Emerging issues (metric emerging_issues_weekly), newest week first, with the complaints behind
-- each. Parameters: $1 = the reader's projects (comma-separated) or null for all.
select week_start, project_id, project_name, term, observed, expected, lift_percent, p_value, week_complaints,
  share_of_week, complaint_ids
from emerging_issues_weekly
where cast($1 as varchar) is null or list_contains(string_split($1, ','), project_id)
order by week_start desc, p_value, project_id, term
limit 200
