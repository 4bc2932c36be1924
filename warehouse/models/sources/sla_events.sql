-- Lake table sla_events, written by the complaint lifecycle job (streaming-jobs, lake/sla_events.avsc).
-- Grain: one row per SLA alert (WARNING, BREACH, MET, RECOVERED, ESCALATION), by alert time (dt = local date).
-- This declaration is the table's shape when the lake holds no file of it yet.
create table sla_events (
  alert_id varchar,
  alert_type varchar,
  alert_at timestamp,
  complaint_id varchar,
  cycle integer,
  project_id varchar,
  rule_id varchar,
  rule_name varchar,
  started_at timestamp,
  deadline timestamp,
  elapsed_hours double,
  limit_hours double,
  responsible_department varchar,
  handler_staff_id varchar,
  category varchar,
  severity varchar,
  landed_at timestamp,
  dt date
)
