-- One level of the quality managers' drill-down: complaints by {{level}} under the path chosen so
-- far and the filters (mart fct_complaint_drill), largest first, with how many broke a deadline.
-- {{level}} is one of category, sub_category, root_cause, responsible_department, project_id,
-- building, and {{conditions}} a conjunction of "column = ?" / "column is null" over the same
-- whitelist plus the filters and the reader's project scope; every value is a bound parameter.
with labels as (
  select 'category' as level, category as key, any_value(category_zh) as label_zh, any_value(category_en) as label_en
  from ref_complaint_taxonomy group by category
  union all
  select 'sub_category', sub_category, any_value(sub_category_zh), any_value(sub_category_en) from ref_complaint_taxonomy group by sub_category
  union all
  select 'root_cause', root_cause, name_zh, name_en from ref_root_causes
  union all
  select 'responsible_department', department_id, name_zh, name_en from ref_departments
  union all
  select 'project_id', project_id, project_id || ' ' || name_zh, project_id from ref_projects
),
grouped as (
  select {{level}} as key, count(*) as complaints, count(*) filter (where breached) as breached
  from fct_complaint_drill
  where {{conditions}}
  group by 1
)
select g.key, coalesce(l.label_zh, g.key, '未分类') as label_zh, coalesce(l.label_en, g.key, 'unclassified') as label_en,
  g.complaints, g.breached
from grouped g
left join labels l on l.level = '{{level}}' and l.key = g.key
order by g.complaints desc, g.key nulls last
