-- Grain: one row per complaint lifecycle event (客户投诉单 steps).
-- Sources: lake table complaint_events.
-- Question: every step of every complaint, typed.
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
  reason
from {{ source('complaint_events') }}
