-- Depends: ref_prohibited_behaviours, ref_staff, ref_staff_assessment, fct_repair_sign_offs,
-- Depends: fct_staff_customer_answers
-- Metric: repair workers' quarterly rating (维修人员季度评定), for the quarter's bonus.
-- Grain: one row per quarter and repair worker (scope 'worker'), plus one row per quarter and
--        team (scope 'team', staff_id null: the rating of the team's manager).
-- Sources: fct_repair_sign_offs (each repair and whether the customer signed it off),
--          fct_staff_customer_answers (callbacks credited to the handler, i.e. the repair worker
--          who resolved the cycle), ref_prohibited_behaviours, ref_staff_assessment.
-- Definitions (docs/domain.md "Staff assessment": rated on the customer's sign-off and the callback
-- opinion; bonus set at quarter end):
--   repairs          = repairs resolved in the quarter with a sign-off outcome
--   sign_off_rate    = repairs the customer signed off / repairs
--   callback_answers = callbacks in the quarter credited to the worker (or team)
--   callback_points  = mean over them of (score_overall - 1) / 4 * 100
--   score            = (repair_weight_sign_off * sign_off_rate * 100
--                       + repair_weight_callback * callback_points) / (sum of the weights of
--                       the parts present; no callbacks: sign-off alone), rounded to 0.1
--   grade            = 'C' when the worker has a confirmed prohibited behaviour in the quarter
--                      (worker rows only); none when repairs < repair_min_repairs (insufficient
--                      sample); else 'A' at score >= grade_a_min (90), 'B' at >= grade_b_min
--                      (75), else 'C'
-- Test: unique(quarter, scope, staff_id, team)
-- Test: accepted_values(scope: worker, team)
-- Test: accepted_values(grade: A, B, C)
-- Test: accepted_values(grade_reason: prohibited_behaviour, insufficient_sample, score)
-- Test: check(sign_off_rate between 0 and 1 and score between 0 and 100)
with settings as (
  select
    max(value) filter (where setting = 'repair_weight_sign_off') as w_sign_off,
    max(value) filter (where setting = 'repair_weight_callback') as w_callback,
    max(value) filter (where setting = 'repair_min_repairs') as min_repairs,
    max(value) filter (where setting = 'grade_a_min') as grade_a_min,
    max(value) filter (where setting = 'grade_b_min') as grade_b_min
  from ref_staff_assessment
),
sign_offs as (
  select quarter,
    case when grouping(staff_id) = 1 then 'team' else 'worker' end as scope,
    staff_id, team,
    count(*) as repairs,
    count(*) filter (where signed_off) as signed_off
  from fct_repair_sign_offs
  group by grouping sets ((quarter, staff_id, team), (quarter, team))
),
callbacks as (
  select quarter,
    case when grouping(staff_id) = 1 then 'team' else 'worker' end as scope,
    staff_id, team,
    count(*) as callback_answers,
    avg(satisfaction_points) as callback_points
  from (
    select strftime(a.occurred_at, '%Y') || 'Q' || quarter(a.occurred_at) as quarter, a.staff_id, st.team, a.satisfaction_points
    from fct_staff_customer_answers a
    join ref_staff st using (staff_id)
    where st.role = 'technician'
  )
  group by grouping sets ((quarter, staff_id, team), (quarter, team))
),
prohibited as (
  select strftime(occurred_on, '%Y') || 'Q' || quarter(occurred_on) as quarter, staff_id,
    count(*) as prohibited_behaviours, string_agg(behaviour, ', ' order by occurred_on) as behaviours
  from ref_prohibited_behaviours
  where confirmed
  group by all
),
scored as (
  select s.quarter, s.scope, s.staff_id, s.team, s.repairs, s.signed_off,
    round(s.signed_off / s.repairs, 4) as sign_off_rate,
    coalesce(c.callback_answers, 0) as callback_answers,
    round(c.callback_points, 1) as callback_points,
    round((settings.w_sign_off * s.signed_off / s.repairs * 100 + coalesce(settings.w_callback * c.callback_points, 0))
      / (settings.w_sign_off + case when c.callback_points is null then 0 else settings.w_callback end), 1) as score,
    coalesce(p.prohibited_behaviours, 0) as prohibited_behaviours,
    p.behaviours
  from sign_offs s
  cross join settings
  left join callbacks c on c.quarter = s.quarter and c.scope = s.scope and c.staff_id is not distinct from s.staff_id
    and c.team is not distinct from s.team
  left join prohibited p on s.scope = 'worker' and p.quarter = s.quarter and p.staff_id = s.staff_id
)
select scored.*,
  case
    when prohibited_behaviours > 0 then 'C'
    when repairs < settings.min_repairs then null
    when score >= settings.grade_a_min then 'A'
    when score >= settings.grade_b_min then 'B'
    else 'C'
  end as grade,
  case
    when prohibited_behaviours > 0 then 'prohibited_behaviour'
    when repairs < settings.min_repairs then 'insufficient_sample'
    else 'score'
  end as grade_reason
from scored
cross join settings
