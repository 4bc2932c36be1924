-- Grain: one row per complaint lifecycle event (客户投诉单 steps).
-- Sources: lake table complaint_events.
-- Question: every step of every complaint, typed.
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
  room,
  functional_area,
  part,
  problem_type,
  public_area as is_public_area,
  household_id,
  staff_id,
  category,
  sub_category,
  root_cause,
  building_component,
  responsible_department,
  severity,
  intent,
  work_order_type,
  trades,
  repair_cost_yuan,
  description,
  reason,
  customer_signed_off
from {{ source('complaint_events') }}
