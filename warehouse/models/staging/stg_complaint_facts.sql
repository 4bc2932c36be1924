-- Grain: one row per ended complaint cycle (closed, or superseded by a reopen).
-- Sources: lake table complaint_facts (complaint lifecycle job).
select * exclude (dt) from {{ source('complaint_facts') }}
