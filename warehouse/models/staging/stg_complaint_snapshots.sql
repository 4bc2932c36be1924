-- Grain: one row per change of a complaint (its state after the change).
-- Sources: lake table complaint_snapshots (complaint lifecycle job).
select * exclude (dt) from {{ source('complaint_snapshots') }}
