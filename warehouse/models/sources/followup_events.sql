-- Lake table followup_events, written by the lake job (streaming-jobs, lake/followup_events.avsc) from
-- the topic the drill-down publishes to.
-- Grain: one row per change a quality manager made to a follow-up. Partitioned by dt = local event date.
-- This declaration is the table's shape when the lake holds no file of it yet.
create table followup_events (
  event_id varchar, schema_version integer, occurred_at timestamp, followup_id varchar, project_id varchar,
  action varchar, actor varchar, assignee varchar, outcome varchar, comment varchar,
  src_partition integer, src_offset bigint, landed_at timestamp, dt date
)
