-- Grain: one row per complaint sub-category.
-- Sources: reference/complaint_taxonomy.csv.
select * from read_csv('{{ reference('complaint_taxonomy.csv') }}', header = true, columns = {
  'category': 'varchar', 'category_zh': 'varchar', 'sub_category': 'varchar', 'sub_category_zh': 'varchar',
  'default_department': 'varchar'})
