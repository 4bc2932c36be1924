-- Depends: none
-- Grain: one row per project (community).
-- Sources: reference/projects.csv (company master data).
-- Question: the households each project serves, for rates per 1,000 households.
-- Test: unique(project_id)
-- Test: not_null(project_id, households, occupied_households)
-- Test: check(occupied_households <= households)
select * from read_csv('{{ reference('projects.csv') }}', header = true, columns = {
  'project_id': 'varchar', 'name_zh': 'varchar', 'city': 'varchar', 'product_type': 'varchar',
  'households': 'integer', 'occupied_households': 'integer', 'delivery_date': 'date', 'service_office': 'varchar'})
