-- Refresh: by complaint_id
-- Depends: stg_complaint_snapshots
-- Grain: one row per complaint that is open now (its latest snapshot says OPEN).
-- Sources: stg_complaint_snapshots.
-- Question: the board of open work: next deadline, what is warning or breached, who has it.
-- Test: unique(complaint_id)
with latest as (
  select *, row_number() over (partition by complaint_id order by snapshot_at desc, snapshot_id desc) as rn
  from stg_complaint_snapshots
)

select * exclude (rn) from latest where rn = 1 and status = 'OPEN'
