-- Lake table complaint_sla, written by the complaint lifecycle job (streaming-jobs, lake/complaint_sla.avsc).
-- Grain: one row per SLA clock of an ended complaint cycle, by the time the clock started (dt = local date).
-- This declaration is the table's shape when the lake holds no file of it yet.
create table complaint_sla (
  outcome_id varchar,
  complaint_id varchar,
  cycle integer,
  rule_id varchar,
  project_id varchar,
  category varchar,
  responsible_department varchar,
  handler_staff_id varchar,
  started_at timestamp,
  stopped_at timestamp,
  deadline timestamp,
  extended boolean,
  outcome varchar,
  elapsed_hours double,
  limit_hours double,
  landed_at timestamp,
  dt date
)
