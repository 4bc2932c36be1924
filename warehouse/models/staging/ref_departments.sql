-- Grain: one row per department.
-- Sources: reference/departments.csv (company master data).
-- Question: a department's names, for reports that break numbers down by responsible department.
-- Test: unique(department_id)
select * from read_csv('{{ reference('departments.csv') }}', header = true, columns = {
  'department_id': 'varchar', 'name_zh': 'varchar', 'name_en': 'varchar', 'owns_categories': 'varchar'})
