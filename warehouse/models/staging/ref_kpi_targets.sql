-- Depends: none
-- Grain: one row per KPI.
-- Sources: reference/kpi_targets.csv.
-- Question: the target each KPI is read against, and which direction is good.
-- Test: unique(kpi_id)
-- Test: accepted_values(direction: higher_is_better, lower_is_better)
select * from read_csv('{{ reference('kpi_targets.csv') }}', header = true, columns = {
  'kpi_id': 'varchar', 'name_zh': 'varchar', 'name_en': 'varchar', 'target': 'double', 'direction': 'varchar',
  'unit': 'varchar', 'source': 'varchar'})
