-- Staff scorecards of one month, lowest score first: the formula of the metric staff_scores_monthly
-- over the reader's scope (staff_scope.sql: with no scope the rows equal the metric's). Parameters:
-- $1 = month (YYYY-MM), $2 = the reader's projects or null.
with {{staff_scope}},
settings as (
  select
    max(value) filter (where setting = 'grade_a_min') as grade_a_min,
    max(value) filter (where setting = 'grade_b_min') as grade_b_min,
    max(value) filter (where setting = 'min_customer_answers') as min_customer_answers
  from ref_staff_assessment
),
scores as (
  select staff_id, month,
    round(sum(contribution_points), 1) as score,
    round(sum(mean_points * effective_weight) filter (where source = 'customer')
      / sum(effective_weight) filter (where source = 'customer'), 1) as customer_score,
    round(max(mean_points) filter (where source = 'peer'), 1) as peer_score,
    round(max(mean_points) filter (where source = 'manager'), 1) as manager_score,
    round(max(mean_points) filter (where source = 'self'), 1) as self_score
  from contributions
  group by all
),
prohibited as (
  select staff_id, month, count(*) as prohibited_behaviours from scoped_prohibited group by all
),
staff_months as (
  select staff_id, month from scores
  union
  select staff_id, month from prohibited
),
answers as (
  select staff_id, month, count(*) as customer_answers from scoped_answers group by all
)
select
  m.staff_id, st.team, st.role, m.month,
  coalesce(a.customer_answers, 0) as customer_answers,
  s.customer_score, s.peer_score, s.manager_score, s.self_score, s.score,
  coalesce(p.prohibited_behaviours, 0) as prohibited_behaviours,
  case
    when p.prohibited_behaviours > 0 then 'C'
    when coalesce(a.customer_answers, 0) < settings.min_customer_answers then null
    when s.score >= settings.grade_a_min then 'A'
    when s.score >= settings.grade_b_min then 'B'
    else 'C'
  end as grade,
  case
    when p.prohibited_behaviours > 0 then 'prohibited_behaviour'
    when coalesce(a.customer_answers, 0) < settings.min_customer_answers then 'insufficient_sample'
    else 'score'
  end as grade_reason
from staff_months m
cross join settings
left join scores s using (staff_id, month)
left join prohibited p using (staff_id, month)
left join answers a using (staff_id, month)
left join ref_staff st using (staff_id)
order by s.score nulls first, m.staff_id
