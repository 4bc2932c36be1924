-- Repeat complaints (mart fct_repeat_complaints): every complaint that repeats its household's
-- earlier one (within the window of metric_settings.csv, or about the same building component),
-- newest first, with the complaint it repeats.
-- Parameters: $1 = the reader's projects (comma-separated) or null for all.
select received_quarter as quarter, complaint_id, project_id, household_id, received_at, category, sub_category,
  building_component, repeat_reason, previous_complaint_id, days_since_previous
from fct_repeat_complaints
where is_repeat and (cast($1 as varchar) is null or list_contains(string_split($1, ','), project_id))
order by received_at desc, complaint_id
limit 500
