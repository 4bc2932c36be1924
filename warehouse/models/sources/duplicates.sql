-- Lake table duplicates, written by the lake job (streaming-jobs, lake/duplicates.avsc).
-- Grain: one row per input record dropped because its event id had already landed. dt = local detection date.
-- This declaration is the table's shape when the lake holds no file of it yet.
create table duplicates (
  event_id varchar, stream varchar, src_topic varchar, src_partition integer, src_offset bigint, detected_at timestamp, landed_at timestamp, dt date
)
