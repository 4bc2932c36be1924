-- Follow-ups (fct_followups) in the reader's projects, those due first: $1 = the reader's projects or null,
-- $2 = status: active (open or assigned), open, assigned, closed or all. At most 1,000 rows.
select followup_id, kind, status, owner, due_on, opened_at, project_id, complaint_id, term, severity, score_overall,
  outcome, closed_at, closed_on_time, called_back_at, comments
from fct_followups
where (cast($1 as varchar) is null or list_contains(string_split($1, ','), project_id))
  and ($2 = 'all' or status = $2 or ($2 = 'active' and status <> 'closed'))
order by status = 'closed', due_on, opened_at, followup_id
limit 1000
