-- Refresh: append
-- Depends: none
-- Grain: one row per ended complaint cycle (closed, or superseded by a reopen).
-- Sources: lake table complaint_facts (complaint lifecycle job).
-- A re-sent step: the latest landed fact wins.
-- Exclude: unique(complaint_id, cycle) keep landed_at desc
-- Test: not_null(complaint_id, cycle, project_id)
select * exclude (dt) from {{ source('complaint_facts') }}
