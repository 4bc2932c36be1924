-- Depends: none
-- Grain: one row per department.
-- Unknown codes: flagged at the door and shown as the member 'unknown' (未知), added here.
-- Sources: reference/departments.csv (company master data).
-- Question: a department's names, for reports that break numbers down by responsible department.
-- Test: unique(department_id)
with company as (
  select * from read_csv('{{ reference('departments.csv') }}', header = true, columns = {
    'department_id': 'varchar', 'name_zh': 'varchar', 'name_en': 'varchar', 'owns_categories': 'varchar'})
)
select * from company
union all
select 'unknown', '未知', 'Unknown', null
where not exists (select 1 from company where department_id = 'unknown')
