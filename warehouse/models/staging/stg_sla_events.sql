-- Refresh: append
-- Depends: ref_sla_rules
-- Grain: one row per SLA alert (WARNING, BREACH, MET, RECOVERED, ESCALATION).
-- Sources: lake table sla_events (complaint lifecycle job).
-- Question: which clocks warned, breached or finished, when, and who handled them.
-- Re-sent or corrected steps (latest wins): the lifecycle job can write an alert again when a step
-- of a complaint is sent a second time; the copy that landed last is kept, the others are in
-- excluded_rows.
-- Exclude: unique(alert_id) keep landed_at desc, alert_at desc
-- Test: accepted_values(alert_type: WARNING, BREACH, MET, RECOVERED, ESCALATION)
-- Exclude: relationship(rule_id -> ref_sla_rules.rule_id)
select alert_id, alert_type, alert_at, complaint_id, cycle, project_id, rule_id, rule_name, started_at, deadline,
  elapsed_hours, limit_hours, responsible_department, handler_staff_id, category, severity, landed_at
from {{ source('sla_events') }}
