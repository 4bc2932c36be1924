-- Staff against their team in the quarter of one month (metric staff_benchmarks_quarterly): small
-- samples shown but never ranked. Parameters: $1 = month (YYYY-MM), $2 = the reader's projects or
-- null: a scoped reader sees the staff who handled complaint cycles in those projects.
select b.quarter, b.staff_id, b.team, b.answers, b.satisfaction, b.team_satisfaction, b.difference, b.rank_in_team, b.sample_note
from staff_benchmarks_quarterly b
where b.quarter = substr($1, 1, 4) || 'Q' || ((cast(substr($1, 6, 2) as integer) + 2) // 3)
  and (cast($2 as varchar) is null or b.staff_id in (
    select handler_staff_id from stg_complaint_facts where list_contains(string_split($2, ','), project_id)))
order by b.team, b.difference, b.staff_id
