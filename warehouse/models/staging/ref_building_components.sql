-- Grain: one row per building component (部位) defects are filed under.
-- Sources: reference/building_components.csv.
-- Question: what each building component is called, and its typical root causes.
-- Test: unique(component_id)
-- Test: not_null(component_id, name_zh)
select * from read_csv('{{ reference('building_components.csv') }}', header = true, columns = {
  'component_id': 'varchar', 'name_zh': 'varchar', 'name_en': 'varchar', 'typical_root_causes': 'varchar'})
