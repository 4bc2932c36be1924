-- Depends: none
-- Grain: one row per metric setting.
-- Sources: reference/metric_settings.csv.
-- Question: the thresholds the metrics use (minimum sample, confidence level), editable by the company.
-- Test: unique(setting)
-- Test: not_null(setting, value)
select * from read_csv('{{ reference('metric_settings.csv') }}', header = true, columns = {
  'setting': 'varchar', 'value': 'double', 'description': 'varchar'})
