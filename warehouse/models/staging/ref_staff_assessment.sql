-- Depends: none
-- Grain: one row per staff-assessment setting.
-- Sources: reference/staff_assessment.csv (weights, grade thresholds, minimum sample).
-- Question: how a staff member's monthly score and grade are computed, as the company set it.
-- Test: unique(setting)
-- Test: not_null(setting, value)
-- Test: check(value >= 0)
select * from read_csv('{{ reference('staff_assessment.csv') }}', header = true, columns = {
  'setting': 'varchar', 'value': 'double', 'description': 'varchar'})
