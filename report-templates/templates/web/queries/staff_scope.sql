-- Included by the staff queries: the staff and customer answers a reader may
-- see in one month. Parameters: $1 = month (YYYY-MM), $2 = the reader's projects (comma-separated)
-- or null for all. A scoped reader sees the staff who handled complaint cycles in their projects,
-- and of their customer answers only those about complaints in those projects: every score the
-- reader sees is computed inside the scope (with no scope it equals staff_scores_monthly).
scoped_staff as (
  select distinct handler_staff_id as staff_id from stg_complaint_facts
  where cast($2 as varchar) is not null and list_contains(string_split($2, ','), project_id)
),
scoped_answers as (
  select a.* from fct_staff_customer_answers a
  where a.month = $1
    and (cast($2 as varchar) is null or list_contains(string_split($2, ','), a.project_id))
),
scoped_reviews as (
  select r.* from ref_staff_reviews r
  where r.month = $1 and (cast($2 as varchar) is null or r.staff_id in (select staff_id from scoped_staff))
),
scoped_prohibited as (
  select p.* from ref_prohibited_behaviours p
  where p.month = $1 and p.confirmed and (cast($2 as varchar) is null or p.staff_id in (select staff_id from scoped_staff))
),
-- The same formula as the mart staff_score_contributions, over the answers and reviews above.
customer_dims as (
  select a.staff_id, a.month, d.part, count(*) as answers, avg(d.points) as mean_points, w.value as dim_weight
  from scoped_answers a,
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
  from scoped_reviews
  group by all
),
present as (
  select distinct staff_id, month, 'customer' as source from customer_dims
  union all
  select staff_id, month, source from reviews
),
source_weights as (
  select p.staff_id, p.month, p.source, w.value / sum(w.value) over (partition by p.staff_id, p.month) as source_share
  from present p
  join ref_staff_assessment w on w.setting = 'source_weight_' || p.source
),
contributions as (
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
)
