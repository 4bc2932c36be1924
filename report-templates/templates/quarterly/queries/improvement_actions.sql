-- Improvement actions (PDCA) and their measured effect by the report quarter (metric
-- improvement_effects_quarterly), with the measure's name and unit (ref_kpi_targets), and the
-- owner's name in both languages when the owner is a department of ref_departments (by id or by
-- its Chinese name; otherwise the owner as the company wrote it).
-- Parameters: $1 = quarter (the last quarter of the report period).
select e.action_id, e.title_zh, e.title_en, e.measure, k.name_zh as measure_zh, k.name_en as measure_en, k.unit,
  e.owner, d.name_zh as owner_zh, d.name_en as owner_en, e.started_on, e.due_on, e.expected_change, e.baseline_quarter, e.baseline_value, e.value, e.effect, e.status
from improvement_effects_quarterly e
join ref_kpi_targets k on k.kpi_id = e.measure
left join lateral (
  select name_zh, name_en from ref_departments
  where e.owner in (department_id, name_zh) order by department_id limit 1
) d on true
where e.quarter = $1
order by e.started_on, e.action_id
