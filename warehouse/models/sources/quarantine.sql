-- Lake table quarantine, written by the lake job (streaming-jobs, lake/quarantine.avsc).
-- Grain: one row per rejected input record. Partitioned by dt = local arrival date.
-- This declaration is the table's shape when the lake holds no file of it yet.
create table quarantine (
  quarantine_id varchar, stream varchar, src_topic varchar, src_partition integer, src_offset bigint,
  reason_code varchar, message varchar, payload_bytes integer, payload varchar, received_at timestamp, landed_at timestamp, dt date
)
