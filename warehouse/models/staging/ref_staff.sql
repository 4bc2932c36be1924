-- Depends: none
-- Grain: one row per staff member.
-- Sources: reference/staff.csv (company master data).
-- Test: unique(staff_id)
-- Test: not_null(staff_id, team)
select * from read_csv('{{ reference('staff.csv') }}', header = true, columns = {
  'staff_id': 'varchar', 'display_name': 'varchar', 'role': 'varchar', 'team': 'varchar', 'service_office': 'varchar'})
