-- Complaints filed without a usable cause and what their words suggest (mart
-- fct_complaint_suggestions), newest first: the quality manager's review list. Parameters: $1 = the
-- reader's projects (comma-separated) or null for all.
select complaint_id, project_id, received_at, category, sub_category, building_component, needs_review_because,
  description, suggested_component, suggested_problem_type, suggested_category, suggested_sub_category,
  suggestion_confidence, suggestion_evidence
from fct_complaint_suggestions
where cast($1 as varchar) is null or list_contains(string_split($1, ','), project_id)
order by received_at desc, complaint_id
limit 500
