-- Staff against their team in the quarter of one month: the formula of the metric
-- staff_benchmarks_quarterly over the customer answers about complaints in the reader's projects
-- (with no scope the rows equal the metric's); small samples shown but never ranked.
-- Parameters: $1 = month (YYYY-MM), $2 = the reader's projects or null.
with minimum as (
  select value as min_answers from ref_staff_assessment where setting = 'min_customer_answers'
),
answers as (
  select strftime(a.occurred_at, '%Y') || 'Q' || quarter(a.occurred_at) as quarter, a.staff_id, s.team, a.satisfaction_points
  from fct_staff_customer_answers a
  left join ref_staff s using (staff_id)
  where strftime(a.occurred_at, '%Y') || 'Q' || quarter(a.occurred_at) = substr($1, 1, 4) || 'Q' || ((cast(substr($1, 6, 2) as integer) + 2) // 3)
    and (cast($2 as varchar) is null or list_contains(string_split($2, ','), a.project_id))
),
staff as (
  select quarter, staff_id, any_value(team) as team, count(*) as answers, avg(satisfaction_points) as satisfaction
  from answers
  group by quarter, staff_id
),
teams as (
  select quarter, team, avg(satisfaction_points) as team_satisfaction
  from answers
  group by quarter, team
),
ranked as (
  select s.*, s.answers >= m.min_answers as sample_ok,
    count(*) filter (where s.answers >= m.min_answers) over (partition by s.quarter, s.team) as ranked_members,
    rank() over (partition by s.quarter, s.team, s.answers >= m.min_answers order by s.satisfaction) as team_rank
  from staff s, minimum m
)
select
  r.quarter, r.staff_id, r.team, r.answers,
  round(r.satisfaction, 1) as satisfaction,
  round(t.team_satisfaction, 1) as team_satisfaction,
  round(r.satisfaction - t.team_satisfaction, 1) as difference,
  case when not r.sample_ok then null
    when r.ranked_members = 1 then 100.0
    else round(100.0 * (r.team_rank - 1) / (r.ranked_members - 1), 1) end as rank_in_team,
  case when r.sample_ok then 'ok' else 'small_sample' end as sample_note
from ranked r
left join teams t on t.quarter = r.quarter and t.team is not distinct from r.team
order by r.team, difference, r.staff_id
