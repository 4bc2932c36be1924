-- Refresh: append
-- Depends: ref_sla_rules
-- Grain: one row per SLA clock of an ended complaint cycle: MET, MISSED or NOT_DUE.
-- Sources: lake table complaint_sla (complaint lifecycle job).
-- A re-sent step: the latest landed outcome wins.
-- Exclude: unique(outcome_id) keep landed_at desc
-- Exclude: unique(complaint_id, cycle, rule_id) keep landed_at desc
-- Test: accepted_values(outcome: MET, MISSED, NOT_DUE)
-- Exclude: relationship(rule_id -> ref_sla_rules.rule_id)
select * exclude (dt) from {{ source('complaint_sla') }}
