-- Depends: ref_staff, ref_staff_assessment, fct_staff_customer_answers
-- Metric: staff benchmarks (员工对标), per quarter: each staff member's customer satisfaction
-- against their team's, with the caveat of small samples.
-- Grain: one row per quarter and staff member credited with customer answers that quarter.
-- Sources: fct_staff_customer_answers (callback answers credited to the handler of the complaint),
--          ref_staff (team), ref_staff_assessment (min_customer_answers: 5).
-- Definitions:
--   answers            = callback answers credited to the staff member in the quarter
--   satisfaction       = mean satisfaction_points (overall score, 0-100) of those answers
--   team_satisfaction  = the same over every answer credited to the team's members that quarter
--   difference         = satisfaction - team_satisfaction
--   rank_in_team       = percentile rank within the team, (rank - 1) / (members - 1) * 100 over the
--                        members with at least min_customer_answers answers (lowest 0, highest 100;
--                        a team of one such member: 100)
--   sample_note        = 'small_sample' under min_customer_answers: the figure is shown, never ranked
--                        (a few answers move a mean by many points)
-- Test: unique(quarter, staff_id)
-- Test: accepted_values(sample_note: ok, small_sample)
-- Test: check(rank_in_team is null or rank_in_team between 0 and 100)
with minimum as (
  select value as min_answers from ref_staff_assessment where setting = 'min_customer_answers'
),
answers as (
  select strftime(a.occurred_at, '%Y') || 'Q' || quarter(a.occurred_at) as quarter, a.staff_id, s.team, a.satisfaction_points
  from fct_staff_customer_answers a
  left join ref_staff s using (staff_id)
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
