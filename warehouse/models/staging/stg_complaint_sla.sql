-- Grain: one row per SLA clock of an ended complaint cycle: MET, MISSED or NOT_DUE.
-- Sources: lake table complaint_sla (complaint lifecycle job).
select * exclude (dt) from {{ source('complaint_sla') }}
