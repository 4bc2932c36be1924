-- Refresh: append
-- Depends: none
-- Grain: one row per change of a complaint (its state after the change).
-- Sources: lake table complaint_snapshots (complaint lifecycle job).
-- A re-sent step: the latest landed state wins.
-- Exclude: unique(snapshot_id) keep landed_at desc
-- Test: not_null(complaint_id, snapshot_at)
select * exclude (dt) from {{ source('complaint_snapshots') }}
