-- Refresh: append
-- Depends: ref_staff, stg_complaint_events
-- Grain: one row per finished repair whose customer was asked to sign it off (a RESOLVED step with
--        customer_signed_off recorded).
-- Sources: stg_complaint_events, ref_staff.
-- Question: did the customer sign the repair sheet (客户签认)? Credited to the staff member who
-- recorded the repair as done: the repair worker. The drill-through of repair_ratings_quarterly.
-- Test: unique(event_id)
-- Test: not_null(event_id, complaint_id, staff_id, quarter, signed_off)
-- Exclude: relationship(staff_id -> ref_staff.staff_id)
select
  e.event_id,
  e.complaint_id,
  e.project_id,
  e.occurred_at as resolved_at,
  strftime(e.occurred_at, '%Y') || 'Q' || quarter(e.occurred_at) as quarter,
  e.staff_id,
  st.team,
  e.customer_signed_off as signed_off
from stg_complaint_events e
left join ref_staff st using (staff_id)
where e.event_type = 'RESOLVED' and e.customer_signed_off is not null
