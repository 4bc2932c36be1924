-- Grain: one row per complaint sub-category.
-- Sources: reference/complaint_taxonomy.csv.
-- Test: unique(category, sub_category)
-- Test: not_null(category, sub_category, default_department)
-- Test: relationship(default_department -> ref_departments.department_id)
select * from read_csv('{{ reference('complaint_taxonomy.csv') }}', header = true, columns = {
  'category': 'varchar', 'category_zh': 'varchar', 'sub_category': 'varchar', 'sub_category_zh': 'varchar',
  'default_department': 'varchar', 'category_en': 'varchar', 'sub_category_en': 'varchar'})
