-- Depends: ref_metric_settings, stg_complaint_facts
-- Metric: cost of poor quality (质量损失成本): repair cost of complaints, per quarter, by work-order
-- type and approval level, with the company total.
-- Grain: one row per quarter, work-order type and approval level, plus one row per quarter for all
--        (scope 'all': work_order_type and approval_level null).
-- Sources: stg_complaint_facts (ended complaint cycles with a repair cost; a cycle counts in the
--          quarter it ended), ref_metric_settings (cost_approval_manager_max_yuan 1,000,
--          cost_approval_deputy_max_yuan 10,000, cost_audit_over_yuan 20,000 as shipped).
-- Definitions (docs/domain.md "Cost of poor quality"):
--   approval_level     = by the cycle's repair cost: <= cost_approval_manager_max_yuan 'manager'
--                        (客服经理); <= cost_approval_deputy_max_yuan 'deputy_chief_engineer_and_vp'
--                        (副总工程师及副总裁); above it 'general_manager' (总经理); above
--                        cost_audit_over_yuan also audited
--   work_order_type    = A (deducted from the contractor's quality deposit) or B; 'none' when the
--                        cycle had no work order
--   repaired_cycles    = cycles with repair_cost_yuan > 0
--   repair_cost_yuan   = sum of their repair cost; audited_cycles = cycles over cost_audit_over_yuan
-- Test: check(repair_cost_yuan > 0)
-- Test: check(scope = 'all' or approval_level is not null)
-- Test: accepted_values(approval_level: manager, deputy_chief_engineer_and_vp, general_manager)
with settings as (
  select
    max(value) filter (where setting = 'cost_approval_manager_max_yuan') as manager_max,
    max(value) filter (where setting = 'cost_approval_deputy_max_yuan') as deputy_max,
    max(value) filter (where setting = 'cost_audit_over_yuan') as audit_over
  from ref_metric_settings
),

repairs as (
  select
    strftime(ended_at, '%Y') || 'Q' || quarter(ended_at) as quarter,
    coalesce(work_order_type, 'none') as work_order_type,
    case when s.manager_max is null or s.deputy_max is null or s.audit_over is null then null -- a setting missing: the test fails
         when repair_cost_yuan <= s.manager_max then 'manager'
         when repair_cost_yuan <= s.deputy_max then 'deputy_chief_engineer_and_vp'
         else 'general_manager' end as approval_level,
    repair_cost_yuan,
    repair_cost_yuan > s.audit_over as is_audited
  from stg_complaint_facts
  cross join settings s
  where repair_cost_yuan > 0 and ended_at is not null
)
select
  quarter,
  case when grouping(work_order_type) = 1 then 'all' else 'type_and_level' end as scope,
  work_order_type,
  approval_level,
  count(*) as repaired_cycles,
  sum(repair_cost_yuan) as repair_cost_yuan,
  count(*) filter (where is_audited) as audited_cycles
from repairs
group by grouping sets ((quarter, work_order_type, approval_level), (quarter))
