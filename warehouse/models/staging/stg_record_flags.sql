-- Refresh: append
-- Depends: none
-- Grain: one row per flag on a landed record (UNKNOWN_PROJECT, UNKNOWN_STAFF, LATE).
-- Sources: lake table record_flags.
-- Question: which landed records need a second look, and why.
-- Test: not_null(event_id, flag_code, message)
select event_id, stream, src_topic, src_partition, src_offset, flag_code, message, flagged_at
from {{ source('record_flags') }}
