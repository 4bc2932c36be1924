-- Depends: ref_staff_assessment, ref_staff_reviews, fct_staff_customer_answers
-- Grain: one row per staff member, month and part of the score: each customer dimension, and
--        each of peer review, manager review and self-assessment where present.
-- Sources: fct_staff_customer_answers, ref_staff_reviews, ref_staff_assessment (weights).
-- Question: how each part adds up to the monthly score (the drill-through of staff_scores_monthly):
--   customer dimension mean = mean points over the answers that scored it
--   customer score = sum(dim_weight * mean) / sum(dim_weight) over dimensions with answers
--   source weights (source_weight_<source>) are renormalised over the sources present that month
--   (customer, peer, manager, self): an input the month lacks, such as a self-assessment the company
--   does not collect, leaves the others in their proportions and summing to 1 (000 §5.4.2 asks for
--   self-assessment where provided and gives no weights; staff_assessment.csv sets them)
--   effective_weight = source_weight / sum(source weights present) * (for customer dimensions)
--                      dim_weight / sum(dim_weights with answers)
--   contribution_points = effective_weight * mean_points; their sum is the month's score
-- Test: not_null(staff_id, month, source, part, mean_points, effective_weight)
-- Test: accepted_values(source: customer, peer, manager, self)
-- Test: unique(staff_id, month, source, part)
with customer_dims as (
  select a.staff_id, a.month, d.part, count(*) as answers, avg(d.points) as mean_points, w.value as dim_weight
  from fct_staff_customer_answers a,
  lateral (values
    ('response_speed', a.response_speed_points), ('completeness', a.completeness_points),
    ('professionalism', a.professionalism_points), ('attitude', a.attitude_points),
    ('satisfaction', a.satisfaction_points)) d(part, points)
  join ref_staff_assessment w on w.setting = 'weight_' || d.part
  where d.points is not null
  group by all
),
reviews as (
  select staff_id, month, reviewer_role as source, 'review' as part, count(*) as answers, avg(score) as mean_points
  from ref_staff_reviews
  group by all
),
present as (
  select distinct staff_id, month, 'customer' as source from customer_dims
  union all
  select staff_id, month, source from reviews
),
source_weights as (
  select p.staff_id, p.month, p.source, w.value as source_weight,
    w.value / sum(w.value) over (partition by p.staff_id, p.month) as source_share
  from present p
  join ref_staff_assessment w on w.setting = 'source_weight_' || p.source
)
select
  c.staff_id, c.month, 'customer' as source, c.part, c.answers, c.mean_points,
  sw.source_share * c.dim_weight / sum(c.dim_weight) over (partition by c.staff_id, c.month) as effective_weight,
  sw.source_share * c.dim_weight / sum(c.dim_weight) over (partition by c.staff_id, c.month) * c.mean_points as contribution_points
from customer_dims c
join source_weights sw on sw.staff_id = c.staff_id and sw.month = c.month and sw.source = 'customer'
union all
select r.staff_id, r.month, r.source, r.part, r.answers, r.mean_points, sw.source_share, sw.source_share * r.mean_points
from reviews r
join source_weights sw on sw.staff_id = r.staff_id and sw.month = r.month and sw.source = r.source
