-- The repair cost of each ended cycle of the complaint (stg_complaint_facts) with who approves it
-- and whether it is audited, by the same settings as the metric cost_of_poor_quality_quarterly:
-- up to cost_approval_manager_max_yuan the customer-service manager, up to
-- cost_approval_deputy_max_yuan the deputy chief engineer and a vice president, above it the general
-- manager; above cost_audit_over_yuan also audited (002 §3.5.6, §3.6.1). Type A repairs are deducted
-- from the contractor's quality deposit (002 §3.5.9). Cycles without a cost are listed with none.
-- Parameters: $1 = complaint id.
with settings as (
  select
    max(value) filter (where setting = 'cost_approval_manager_max_yuan') as manager_max,
    max(value) filter (where setting = 'cost_approval_deputy_max_yuan') as deputy_max,
    max(value) filter (where setting = 'cost_audit_over_yuan') as audit_over
  from ref_metric_settings
)
select f.cycle, f.work_order_type, f.trades, cast(f.repair_cost_yuan as double) as repair_cost_yuan, f.ended_at,
  case when f.repair_cost_yuan is null or f.repair_cost_yuan <= 0 then null
       when s.manager_max is null or s.deputy_max is null then null -- a setting missing: no level rather than a wrong one
       when f.repair_cost_yuan <= s.manager_max then 'manager'
       when f.repair_cost_yuan <= s.deputy_max then 'deputy_chief_engineer_and_vp'
       else 'general_manager' end as approval_level,
  coalesce(f.repair_cost_yuan > s.audit_over, false) as is_audited
from stg_complaint_facts f
cross join settings s
where f.complaint_id = $1
order by f.cycle
