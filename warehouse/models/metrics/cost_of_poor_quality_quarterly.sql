-- Metric: cost of poor quality (质量损失成本): repair cost of complaints, per quarter, by work-order
-- type and approval level, with the company total.
-- Grain: one row per quarter, work-order type and approval level, plus one row per quarter for all
--        (scope 'all': work_order_type and approval_level null).
-- Sources: stg_complaint_facts (ended complaint cycles with a repair cost; a cycle counts in the
--          quarter it ended).
-- Definitions (docs/domain.md "Cost of poor quality"):
--   approval_level     = by the cycle's repair cost: <= 1,000 yuan 'manager' (客服经理);
--                        1,000-10,000 'deputy_chief_engineer_and_vp' (副总工程师及副总裁);
--                        > 10,000 'general_manager' (总经理), and > 20,000 also audited
--   work_order_type    = A (deducted from the contractor's quality deposit) or B; 'none' when the
--                        cycle had no work order
--   repaired_cycles    = cycles with repair_cost_yuan > 0
--   repair_cost_yuan   = sum of their repair cost; audited_cycles = cycles over 20,000 yuan
-- Test: check(repair_cost_yuan > 0)
-- Test: accepted_values(approval_level: manager, deputy_chief_engineer_and_vp, general_manager)
with repairs as (
  select
    strftime(ended_at, '%Y') || 'Q' || quarter(ended_at) as quarter,
    coalesce(work_order_type, 'none') as work_order_type,
    case when repair_cost_yuan <= 1000 then 'manager'
         when repair_cost_yuan <= 10000 then 'deputy_chief_engineer_and_vp'
         else 'general_manager' end as approval_level,
    repair_cost_yuan
  from stg_complaint_facts
  where repair_cost_yuan > 0 and ended_at is not null
)
select
  quarter,
  case when grouping(work_order_type) = 1 then 'all' else 'type_and_level' end as scope,
  work_order_type,
  approval_level,
  count(*) as repaired_cycles,
  sum(repair_cost_yuan) as repair_cost_yuan,
  count(*) filter (where repair_cost_yuan > 20000) as audited_cycles
from repairs
group by grouping sets ((quarter, work_order_type, approval_level), (quarter))
