-- Lake table complaint_snapshots, written by the complaint lifecycle job (streaming-jobs, lake/complaint_snapshots.avsc).
-- Grain: one row per change of a complaint; the latest per complaint is its current state (dt = local date).
-- This declaration is the table's shape when the lake holds no file of it yet.
create table complaint_snapshots (
  snapshot_id varchar,
  complaint_id varchar,
  snapshot_at timestamp,
  status varchar,
  cycle integer,
  reopen_count integer,
  project_id varchar,
  category varchar,
  responsible_department varchar,
  severity varchar,
  is_major boolean,
  last_step varchar,
  last_staff_id varchar,
  received_at timestamp,
  next_deadline timestamp,
  next_deadline_rule varchar,
  warning_rules varchar[],
  breached_rules varchar[],
  paused_rules varchar[],
  landed_at timestamp,
  dt date
)
