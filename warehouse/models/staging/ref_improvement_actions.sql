-- Depends: ref_kpi_targets
-- Grain: one row per improvement action (整改措施).
-- Sources: reference/improvement_actions.csv (company input: goal, owner, deadline, expected effect).
-- Question: what the company set out to improve, by when, and by how much (PDCA "plan").
-- Test: unique(action_id)
-- Test: not_null(action_id, title_zh, measure, started_on, expected_change)
-- Exclude: relationship(measure -> ref_kpi_targets.kpi_id)
select *,
  strftime(started_on, '%Y') || 'Q' || quarter(started_on) as start_quarter
from read_csv('{{ reference('improvement_actions.csv') }}', header = true, columns = {
  'action_id': 'varchar', 'title_zh': 'varchar', 'title_en': 'varchar', 'measure': 'varchar', 'owner': 'varchar',
  'started_on': 'date', 'due_on': 'date', 'expected_change': 'double'})
