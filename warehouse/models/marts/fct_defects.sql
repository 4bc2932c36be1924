-- Refresh: by complaint_id
-- Depends: ref_projects, ref_root_causes, stg_complaint_events, stg_complaint_facts, fct_complaints
-- Grain: one row per complaint whose root cause is a lesson for the next project (design,
--        workmanship or materials: ref_root_causes.is_lesson).
-- Sources: fct_complaints (classification, received time), ref_root_causes, ref_projects
--          (product type, city, delivery date), stg_complaint_facts (repair cost of every
--          cycle), stg_complaint_events (the first description, scrubbed at the door).
-- Question: which building defects the company's customers met, where and how long after
-- delivery, and what they cost: the planners' design-review lessons are built on it.
--   months_after_delivery = whole months from the project's delivery to the complaint
--   repair_cost_yuan      = sum over the complaint's cycles (null when none was recorded)
-- Test: unique(complaint_id)
-- Test: not_null(complaint_id, project_id, root_cause, product_type)
-- Test: relationship(building_component -> ref_building_components.component_id)
with costs as (
  select complaint_id, sum(repair_cost_yuan) as repair_cost_yuan from stg_complaint_facts group by complaint_id
),
descriptions as (
  select complaint_id, arg_min(description, occurred_at) as description
  from stg_complaint_events
  where description is not null and description <> ''
  group by complaint_id
)
select
  c.complaint_id, c.project_id, p.name_zh as project_name, p.city, p.product_type,
  c.building_component, c.root_cause, c.category, c.sub_category,
  c.received_at,
  date_diff('month', p.delivery_date, cast(c.received_at as date)) as months_after_delivery,
  k.repair_cost_yuan,
  d.description
from fct_complaints c
join ref_root_causes r on r.root_cause = c.root_cause and r.is_lesson
join ref_projects p using (project_id)
left join costs k using (complaint_id)
left join descriptions d using (complaint_id)
