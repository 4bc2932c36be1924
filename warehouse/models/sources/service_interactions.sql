-- Lake table service_interactions, written by the lake job (streaming-jobs, lake/service_interactions.avsc).
-- Grain: one row per service interaction. Partitioned by dt = local event date.
-- This declaration is the table's shape when the lake holds no file of it yet.
create table service_interactions (
  event_id varchar, schema_version integer, occurred_at timestamp, channel varchar, kind varchar,
  project_id varchar, building varchar, unit varchar, room varchar, room_pseudonym varchar, household_id varchar, staff_id varchar,
  rings_before_answer integer, promised_reply_at timestamp, promise_kept boolean, complaint_id varchar,
  summary varchar, responded_at timestamp, src_partition integer, src_offset bigint, landed_at timestamp, dt date
)
