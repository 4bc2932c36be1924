-- Grain: one row per SLA alert (WARNING, BREACH, MET, RECOVERED, ESCALATION).
-- Sources: lake table sla_events (complaint lifecycle job).
-- Question: which clocks warned, breached or finished, when, and who handled them.
-- Test: unique(alert_id)
-- Test: accepted_values(alert_type: WARNING, BREACH, MET, RECOVERED, ESCALATION)
-- Test: relationship(rule_id -> ref_sla_rules.rule_id)
select alert_id, alert_type, alert_at, complaint_id, cycle, project_id, rule_id, rule_name, started_at, deadline,
  elapsed_hours, limit_hours, responsible_department, handler_staff_id, category, severity
from {{ source('sla_events') }}
