-- Refresh: append
-- Depends: none
-- Grain: one row per input record dropped as a duplicate of an event id that had already landed.
-- Sources: lake table duplicates.
-- Question: which copies were dropped, and where they came from (for reconciliation per offset).
-- Test: not_null(event_id, stream)
select event_id, stream, src_topic, src_partition, src_offset, detected_at
from {{ source('duplicates') }}
