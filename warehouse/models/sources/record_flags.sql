-- Lake table record_flags, written by the lake job (streaming-jobs, lake/record_flags.avsc).
-- Grain: one row per flag on a record: one that landed in its table, or (CONFLICTING_RESEND) a
-- later copy of a landed event id with other content, counted a duplicate. dt = local date of
-- flagging.
-- This declaration is the table's shape when the lake holds no file of it yet.
create table record_flags (
  event_id varchar, stream varchar, src_topic varchar, src_partition integer, src_offset bigint,
  flag_code varchar, message varchar, flagged_at timestamp, landed_at timestamp, dt date
)
