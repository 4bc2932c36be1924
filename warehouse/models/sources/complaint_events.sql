-- Lake table complaint_events, written by the lake job (streaming-jobs, lake/complaint_events.avsc).
-- Grain: one row per complaint lifecycle event. Partitioned by dt = local event date.
-- This declaration is the table's shape when the lake holds no file of it yet.
create table complaint_events (
  event_id varchar, schema_version integer, occurred_at timestamp, complaint_id varchar, event_type varchar,
  channel varchar, project_id varchar, building varchar, unit varchar, room varchar, room_pseudonym varchar, functional_area varchar,
  part varchar, problem_type varchar, public_area boolean, household_id varchar, staff_id varchar,
  category varchar, sub_category varchar, root_cause varchar, building_component varchar,
  responsible_department varchar, severity varchar, intent varchar, work_order_type varchar,
  trades varchar[], repair_cost_yuan decimal(12, 2), description varchar, reason varchar, extended_until timestamp, customer_signed_off boolean,
  src_partition integer, src_offset bigint, landed_at timestamp, dt date
)
