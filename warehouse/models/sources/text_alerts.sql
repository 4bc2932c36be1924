-- Lake table text_alerts, written by the complaint lifecycle job's text analysis (streaming-jobs, lake/text_alerts.avsc).
-- Grain: one row per emerging issue (a term surging in a project's week), by the end of the week (dt = local date).
-- This declaration is the table's shape when the lake holds no file of it yet.
create table text_alerts (
  alert_id varchar,
  alert_type varchar,
  alert_at timestamp,
  project_id varchar,
  week_start varchar,
  term varchar,
  observed bigint,
  expected double,
  p_value double,
  lift_percent bigint,
  baseline_weeks integer,
  complaint_ids varchar[],
  landed_at timestamp,
  dt date
)
