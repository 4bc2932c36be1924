-- Refresh: append
-- Depends: none
-- Grain: one row per rejected input record.
-- Sources: lake table quarantine.
-- Question: what was rejected, why, and where it came from.
-- Test: unique(quarantine_id)
-- Test: not_null(reason_code, message)
select quarantine_id, stream, src_topic, src_partition, src_offset, reason_code, message, payload_bytes, payload, received_at
from {{ source('quarantine') }}
