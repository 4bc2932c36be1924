-- The planners' design-review lessons (设计评审经验教训): defects whose root cause is design,
-- workmanship or materials (mart fct_defects), by product type, building component and root
-- cause, over the projects in scope.
-- Parameters: $1 = product type or null (all), $2 = city or null (all), $3 = project ids the
--             reader may see, comma-separated, or null (all).
-- Definitions:
--   defects                     = such complaints received at any time in the projects in scope
--   projects_affected           = projects with at least one (recurrence: in how many it came back)
--   projects_in_scope           = projects of that product type in scope
--   defects_per_1000_households = defects * 1000 / occupied households of the projects in scope
--                                 of that product type
--   median_months_after_delivery = median of whole months from delivery to the complaint
--   repair_cost_yuan            = sum of the recorded repair costs
--   examples                    = up to three different scrubbed descriptions, latest first
with projects as (
  select * from ref_projects
  where (cast($1 as varchar) is null or product_type = $1)
    and (cast($2 as varchar) is null or city = $2)
    and (cast($3 as varchar) is null or list_contains(string_split($3, ','), project_id))
),
scope as (
  select product_type, count(*) as projects_in_scope, sum(occupied_households) as households
  from projects group by product_type
),
scoped as (
  select d.* from fct_defects d join projects p using (project_id)
),
examples as (
  select product_type, building_component, root_cause,
    (list(description order by latest desc, description))[1:3] as examples
  from (
    select product_type, building_component, root_cause, description, max(received_at) as latest
    from scoped where description is not null
    group by all
  )
  group by all
)
select
  d.product_type, d.building_component, b.name_zh as component_zh, b.name_en as component_en,
  d.root_cause, r.name_zh as cause_zh, r.name_en as cause_en,
  count(*) as defects,
  count(distinct d.project_id) as projects_affected,
  s.projects_in_scope,
  round(count(*) * 1000.0 / s.households, 2) as defects_per_1000_households,
  median(d.months_after_delivery) as median_months_after_delivery,
  sum(d.repair_cost_yuan) as repair_cost_yuan,
  any_value(e.examples) as examples
from scoped d
join scope s on s.product_type = d.product_type
left join examples e on e.product_type = d.product_type and e.building_component is not distinct from d.building_component
  and e.root_cause = d.root_cause
left join ref_building_components b on b.component_id = d.building_component
left join ref_root_causes r on r.root_cause = d.root_cause
group by d.product_type, d.building_component, b.name_zh, b.name_en, d.root_cause, r.name_zh, r.name_en, s.projects_in_scope, s.households
order by defects_per_1000_households desc, defects desc, d.building_component, d.root_cause
