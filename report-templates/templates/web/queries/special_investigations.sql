-- Special investigations (专项调查, 002 §3.7.5.9): dissatisfied items that clustered or rose
-- significantly in a project's month (metric dissatisfied_items_monthly), newest first.
-- Parameters: $1 = the reader's projects (comma-separated) or null for all.
select month, project_id, item, mentions, surveys, share, baseline_share, rise_z, investigation_reason
from dissatisfied_items_monthly
where opens_investigation and (cast($1 as varchar) is null or list_contains(string_split($1, ','), project_id))
order by month desc, mentions desc, project_id, item
limit 500
