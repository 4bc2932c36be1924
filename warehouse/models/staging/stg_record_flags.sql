-- Refresh: append
-- Depends: none
-- Grain: one row per flag on a Kafka record (UNKNOWN_PROJECT, UNKNOWN_STAFF, UNKNOWN_COMPONENT,
--        ..., LATE, CONFLICTING_RESEND). The UNKNOWN_* flags are raised at the door, before
--        de-duplication: an event sent twice has one per copy, and its later copy is in
--        stg_duplicates. Count events, not rows. CONFLICTING_RESEND is raised by the
--        de-duplication on a later copy whose content differs from the copy that landed (that copy
--        is in stg_duplicates too): see fct_conflicting_resends.
-- Sources: lake table record_flags.
-- Question: which landed records need a second look, and why.
-- Test: not_null(event_id, flag_code, message)
select event_id, stream, src_topic, src_partition, src_offset, flag_code, message, flagged_at
from {{ source('record_flags') }}
