-- Staff scorecards of one month (metric staff_scores_monthly), lowest score first. Parameters:
-- $1 = month (YYYY-MM), $2 = the reader's projects or null: a scoped reader sees the staff who
-- handled complaint cycles in those projects.
select s.staff_id, s.team, s.role, s.month, s.customer_answers, s.customer_score, s.peer_score, s.manager_score, s.score,
  s.prohibited_behaviours, s.grade, s.grade_reason
from staff_scores_monthly s
where s.month = $1
  and (cast($2 as varchar) is null or s.staff_id in (
    select handler_staff_id from stg_complaint_facts where list_contains(string_split($2, ','), project_id)))
order by s.score nulls first, s.staff_id
