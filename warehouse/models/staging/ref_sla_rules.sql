-- Depends: none
-- Grain: one row per SLA rule.
-- Sources: reference/sla_rules.csv (the rules the complaint lifecycle job enforces).
-- Question: each rule's names and limit, for reports that list compliance rule by rule.
-- Test: unique(rule_id)
-- Test: accepted_values(clock: CALENDAR_HOURS, WORKING_HOURS, WORKING_DAYS)
-- Test: check(limit_amount > 0)
-- Test: check(rule_id <> 'accept_24h' or clock = 'CALENDAR_HOURS')
select rule_id, name_zh, name_en, "limit" as limit_amount, clock, applies_when, source
from read_csv('{{ reference('sla_rules.csv') }}', header = true, columns = {
  'rule_id': 'varchar', 'name_zh': 'varchar', 'start_events': 'varchar', 'stop_events': 'varchar', 'limit': 'double',
  'clock': 'varchar', 'applies_when': 'varchar', 'source': 'varchar', 'name_en': 'varchar'})
