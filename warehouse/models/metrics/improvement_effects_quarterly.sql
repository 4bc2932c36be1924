-- Depends: ref_improvement_actions, kpi_quarterly
-- Metric: the measured effect of each improvement action (整改效果, PDCA "check"), per quarter.
-- Grain: one row per action and quarter, from the quarter the action started to the latest
--        quarter with a value of its measure.
-- Sources: ref_improvement_actions, kpi_quarterly (company values of the measure).
-- Definitions:
--   baseline_quarter = the quarter before the one the action started in
--   baseline_value   = the measure's company value in baseline_quarter
--   value            = the measure's company value in the quarter
--   effect           = value - baseline_value
--   achieved         = effect >= expected_change when the expected change is an increase
--                      (expected_change >= 0), effect <= expected_change when it is a decrease:
--                      whether the effect so far reaches what was expected
--   status           = 'achieved', 'in_progress' (not yet, before or in the due quarter) or
--                      'missed' (not reached and the due quarter has passed)
-- Test: unique(action_id, quarter)
-- Test: accepted_values(status: achieved, in_progress, missed)
with actions as (
  select a.*,
    cast(left(start_quarter, 4) as integer) * 4 + cast(right(start_quarter, 1) as integer) as start_index,
    year(due_on) * 4 + quarter(due_on) as due_index
  from ref_improvement_actions a
),
values_by_quarter as (
  select quarter, kpi_id, value,
    cast(left(quarter, 4) as integer) * 4 + cast(right(quarter, 1) as integer) as quarter_index
  from kpi_quarterly
)
select
  a.action_id, a.title_zh, a.title_en, a.measure, a.owner, a.started_on, a.due_on, a.expected_change,
  v.quarter, b.quarter as baseline_quarter,
  round(b.value, 4) as baseline_value, round(v.value, 4) as value,
  round(v.value - b.value, 4) as effect,
  case when a.expected_change >= 0 then v.value - b.value >= a.expected_change - 1e-9
       else v.value - b.value <= a.expected_change + 1e-9 end as achieved,
  case when (case when a.expected_change >= 0 then v.value - b.value >= a.expected_change - 1e-9
                  else v.value - b.value <= a.expected_change + 1e-9 end) then 'achieved'
       when v.quarter_index <= a.due_index then 'in_progress'
       else 'missed' end as status
from actions a
join values_by_quarter v on v.kpi_id = a.measure and v.quarter_index >= a.start_index
join values_by_quarter b on b.kpi_id = a.measure and b.quarter_index = a.start_index - 1
