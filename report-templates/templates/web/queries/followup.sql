-- One follow-up: $1 = its id, $2 = the reader's projects or null (another project's follow-up is not found).
select followup_id, kind, status, owner, route_owner, due_on, opened_at, project_id, complaint_id, survey_id, term, severity,
  department_id, rule_id, staff_id, score_overall, is_seriously_dissatisfied, outcome, closed_at, closed_by, closed_on_time,
  called_back_at, comments
from fct_followups
where followup_id = $1
  and (cast($2 as varchar) is null or list_contains(string_split($2, ','), project_id))
