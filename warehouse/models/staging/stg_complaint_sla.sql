-- Grain: one row per SLA clock of an ended complaint cycle: MET, MISSED or NOT_DUE.
-- Sources: lake table complaint_sla (complaint lifecycle job).
-- Test: unique(outcome_id)
-- Test: unique(complaint_id, cycle, rule_id)
-- Test: accepted_values(outcome: MET, MISSED, NOT_DUE)
-- Test: relationship(rule_id -> ref_sla_rules.rule_id)
select * exclude (dt) from {{ source('complaint_sla') }}
