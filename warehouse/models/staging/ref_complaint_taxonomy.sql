-- Depends: ref_departments
-- Grain: one row per complaint sub-category.
-- Sources: reference/complaint_taxonomy.csv.
-- Unknown codes: a step whose category or sub-category the file does not have is flagged at the
-- door (UNKNOWN_CATEGORY) and shown as the member 'unknown' (未知): one such row per category and
-- one for an unknown category, with no default department.
-- Test: unique(category, sub_category)
-- Test: not_null(category, sub_category)
-- Test: check(default_department is not null or sub_category = 'unknown')
-- Exclude: relationship(default_department -> ref_departments.department_id)
with company as (
  select * from read_csv('{{ reference('complaint_taxonomy.csv') }}', header = true, columns = {
    'category': 'varchar', 'category_zh': 'varchar', 'sub_category': 'varchar', 'sub_category_zh': 'varchar',
    'default_department': 'varchar', 'category_en': 'varchar', 'sub_category_en': 'varchar'})
)
select * from company
union all
select category, any_value(category_zh), 'unknown', '未知', null, any_value(category_en), 'Unknown'
from company where category <> 'unknown'
  and category not in (select category from company where sub_category = 'unknown')
group by category
union all
select 'unknown', '未知', 'unknown', '未知', null, 'Unknown', 'Unknown'
where not exists (select 1 from company where category = 'unknown')
