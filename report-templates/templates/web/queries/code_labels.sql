-- The zh-CN and English names of the codes the drill-down's tables show, by the column that holds
-- them, from the reference files: complaint categories and sub-categories (complaint_taxonomy.csv),
-- root causes, departments, building components and deadline rules (sla_rules.csv). Codes that no
-- reference file names (channels, steps, statuses, reasons) are named in the web labels as
-- code.<column>.<code>. Parameters: none.
with categories as (
  select category as code, any_value(category_zh) as name_zh, any_value(category_en) as name_en
  from ref_complaint_taxonomy group by category
),
sub_categories as (
  select sub_category as code, any_value(sub_category_zh) as name_zh, any_value(sub_category_en) as name_en
  from ref_complaint_taxonomy group by sub_category
),
named as (
  select c.column_name, t.code, t.name_zh, t.name_en
  from categories t, (values ('category'), ('suggested_category'), ('recorded_category')) c(column_name)
  union all
  select c.column_name, t.code, t.name_zh, t.name_en
  from sub_categories t, (values ('sub_category'), ('suggested_sub_category')) c(column_name)
  union all
  select 'root_cause', root_cause, name_zh, name_en from ref_root_causes
  union all
  select 'responsible_department', department_id, name_zh, name_en from ref_departments
  union all
  select c.column_name, t.component_id, t.name_zh, t.name_en
  from ref_building_components t, (values ('building_component'), ('suggested_component'), ('recorded_component')) c(column_name)
  union all
  select c.column_name, t.rule_id, t.name_zh, t.name_en
  from ref_sla_rules t, (values ('rule_id'), ('next_deadline_rule'), ('warning_rules'), ('breached_rules')) c(column_name)
)
select column_name, code, name_zh, name_en from named where code is not null
order by column_name, code
