-- Depends: none
-- Grain: one row per building component (部位) defects are filed under.
-- Unknown codes: flagged at the door and shown as the member 'unknown' (未知), added here.
-- Sources: reference/building_components.csv.
-- Question: what each building component is called, and its typical root causes.
-- Test: unique(component_id)
-- Test: not_null(component_id, name_zh)
with company as (
  select * from read_csv('{{ reference('building_components.csv') }}', header = true, columns = {
    'component_id': 'varchar', 'name_zh': 'varchar', 'name_en': 'varchar', 'typical_root_causes': 'varchar'})
)
select * from company
union all
select 'unknown', '未知', 'Unknown', null
where not exists (select 1 from company where component_id = 'unknown')
