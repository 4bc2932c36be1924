-- Refresh: append
-- Depends: ref_building_components, ref_complaint_taxonomy, ref_departments, ref_root_causes
-- Grain: one row per complaint lifecycle event (客户投诉单 steps).
-- Sources: lake table complaint_events.
-- Question: every step of every complaint, typed.
-- Unknown codes: a category, sub-category, root cause, building component or responsible
-- department that the company's reference files do not have (flagged at the door: UNKNOWN_*) is
-- shown as 'unknown' (未知), a member of each ref_ model; the code as sent is kept in
-- <column>_as_sent. Fix the reference file and the next build shows the code under its name.
-- landed_at: when the step reached the platform (a corrected step sent again lands later: latest wins).
-- Test: unique(event_id)
-- Test: not_null(event_id, complaint_id, event_type, occurred_at, project_id)
-- Test: accepted_values(event_type: RECEIVED, ACCEPTED, SITE_SURVEYED, WORK_ORDER_ISSUED, DEPARTMENT_FEEDBACK, RESOLVED, CUSTOMER_NOTIFIED, CALLBACK_DONE, CLOSED, ESCALATED, REOPENED, PAUSED, RESUMED, EXTENDED)
-- Test: relationship(responsible_department -> ref_departments.department_id)
-- Test: relationship(category -> ref_complaint_taxonomy.category)
select
  event_id,
  complaint_id,
  event_type,
  occurred_at,
  channel,
  project_id,
  building,
  unit,
  room_pseudonym,
  functional_area,
  part,
  problem_type,
  public_area as is_public_area,
  household_id,
  staff_id,
  case when category is null or category in (select category from ref_complaint_taxonomy) then category else 'unknown' end as category,
  case when sub_category is null then null
    when exists (select 1 from ref_complaint_taxonomy t where t.category = e.category and t.sub_category = e.sub_category) then sub_category
    else 'unknown' end as sub_category,
  case when root_cause is null or root_cause in (select root_cause from ref_root_causes) then root_cause else 'unknown' end as root_cause,
  case when building_component is null or building_component in (select component_id from ref_building_components) then building_component
    else 'unknown' end as building_component,
  case when responsible_department is null or responsible_department in (select department_id from ref_departments)
    then responsible_department else 'unknown' end as responsible_department,
  severity,
  intent,
  work_order_type,
  trades,
  repair_cost_yuan,
  description,
  reason,
  customer_signed_off,
  landed_at,
  case when category not in (select category from ref_complaint_taxonomy) then category end as category_as_sent,
  case when sub_category is not null and not exists (select 1 from ref_complaint_taxonomy t where t.category = e.category and t.sub_category = e.sub_category)
    then sub_category end as sub_category_as_sent,
  case when root_cause not in (select root_cause from ref_root_causes) then root_cause end as root_cause_as_sent,
  case when building_component not in (select component_id from ref_building_components) then building_component end as building_component_as_sent,
  case when responsible_department not in (select department_id from ref_departments) then responsible_department end as responsible_department_as_sent
from {{ source('complaint_events') }} e
