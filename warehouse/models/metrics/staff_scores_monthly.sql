-- Depends: ref_prohibited_behaviours, ref_staff, ref_staff_assessment, fct_staff_customer_answers,
-- Depends: staff_score_contributions
-- Metric: staff assessment (员工考核): a monthly score on 100 points and grade A / B / C per staff member.
-- Grain: one row per staff member and month with customer answers, reviews or a confirmed
--        prohibited behaviour.
-- Sources: staff_score_contributions (the parts and their weights: drill through there, and to
--          fct_staff_customer_answers for the surveys), ref_prohibited_behaviours, ref_staff,
--          ref_staff_assessment (reference/staff_assessment.csv).
-- Definitions (docs/domain.md "Staff assessment"):
--   customer_score  = weighted mean of the five customer dimensions (response speed, completeness,
--                     professionalism, attitude and communication, satisfaction = overall score),
--                     each 0-100, from callbacks about complaints the staff member handled
--   score           = sum of contribution_points: customer, peer, manager and self-assessment
--                     input weighted by the source weights, renormalised over the sources present
--                     (a month without a self-assessment: the other three share its weight in
--                     their proportions); rounded to 0.1
--   self_score      = the staff member's self-assessment (000 §5.4.2), null where none was given
--   grade           = 'C' when a confirmed prohibited behaviour falls in the month, whatever the
--                     score; none when customer_answers < min_customer_answers (insufficient
--                     sample); else 'A' when score >= grade_a_min (90), 'B' when >= grade_b_min
--                     (75), else 'C'. A score equal to a threshold gets the higher grade.
--   grade_reason    = prohibited_behaviour, insufficient_sample or score
-- Test: unique(staff_id, month)
-- Test: accepted_values(grade: A, B, C)
-- Test: accepted_values(grade_reason: prohibited_behaviour, insufficient_sample, score)
-- Test: check(score is null or score between 0 and 100)
with settings as (
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
  from staff_score_contributions
  group by all
),
prohibited as (
  select staff_id, month, count(*) as prohibited_behaviours, string_agg(behaviour, ', ' order by occurred_on) as behaviours
  from ref_prohibited_behaviours
  where confirmed
  group by all
),
staff_months as (
  select staff_id, month from scores
  union
  select staff_id, month from prohibited
),
answers as (
  select staff_id, month, count(*) as customer_answers from fct_staff_customer_answers group by all
)
select
  m.staff_id, st.team, st.role, m.month,
  coalesce(a.customer_answers, 0) as customer_answers,
  s.customer_score, s.peer_score, s.manager_score, s.self_score, s.score,
  coalesce(p.prohibited_behaviours, 0) as prohibited_behaviours,
  p.behaviours,
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
