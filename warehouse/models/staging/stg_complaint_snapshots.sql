-- Grain: one row per change of a complaint (its state after the change).
-- Sources: lake table complaint_snapshots (complaint lifecycle job).
-- Test: unique(snapshot_id)
-- Test: not_null(complaint_id, snapshot_at)
select * exclude (dt) from {{ source('complaint_snapshots') }}
