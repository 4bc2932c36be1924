-- Refresh: by household_id
-- Depends: ref_metric_settings, fct_complaints
-- Grain: one row per complaint with a known household (客户投诉单 with household_id).
-- Sources: fct_complaints, ref_metric_settings (repeat_complaint_window_days).
-- Question: is the complaint a repeat complaint (重复投诉) of its household, and which earlier
-- complaint makes it one. A complaint is a repeat when the same household (the pseudonym, across
-- projects) received an earlier complaint
--   (a) at most repeat_complaint_window_days days before it (received_at to received_at), or
--   (b) at any time before it about the same building component (both components known and equal;
--       'unknown' and 'none' (不涉及, not a building defect) are no component).
-- "Earlier" orders by received_at, then complaint_id (two complaints at the same moment: the
-- second id is the repeat). previous_complaint_id is the latest earlier complaint meeting (a) or (b).
-- Test: unique(complaint_id)
-- Test: same_rows(select * from fct_complaints where household_id is not null)
-- Test: not_null(complaint_id, household_id, window_days)
-- Test: check(is_repeat = (within_window or same_component))
-- Test: check(not is_repeat or previous_complaint_id is not null)
-- Test: accepted_values(repeat_reason: window, component, both)
with settings as (
  select cast(value as integer) as window_days from ref_metric_settings where setting = 'repeat_complaint_window_days'
),

complaints as (
  select complaint_id, project_id, household_id, building_component, category, sub_category, received_at, received_quarter
  from fct_complaints
  where household_id is not null
),

earlier as (
  select
    c.complaint_id,
    e.complaint_id as earlier_id,
    e.received_at as earlier_at,
    c.received_at <= e.received_at + to_days(s.window_days) as within_window,
    coalesce(c.building_component = e.building_component and c.building_component not in ('unknown', 'none'), false) as same_component
  from complaints c
  cross join settings s
  join complaints e on e.household_id = c.household_id
    and (e.received_at < c.received_at or (e.received_at = c.received_at and e.complaint_id < c.complaint_id))
),

flags as (
  select
    complaint_id,
    bool_or(within_window) as within_window,
    bool_or(same_component) as same_component,
    arg_max(earlier_id, (earlier_at, earlier_id)) filter (where within_window or same_component) as previous_complaint_id,
    arg_max(earlier_at, (earlier_at, earlier_id)) filter (where within_window or same_component) as previous_received_at
  from earlier
  group by complaint_id
)

select
  c.*,
  (select window_days from settings) as window_days,
  coalesce(f.within_window, false) as within_window,
  coalesce(f.same_component, false) as same_component,
  coalesce(f.within_window or f.same_component, false) as is_repeat,
  case when f.within_window and f.same_component then 'both' when f.within_window then 'window'
       when f.same_component then 'component' end as repeat_reason,
  f.previous_complaint_id,
  round(date_diff('hour', f.previous_received_at, c.received_at) / 24.0, 1) as days_since_previous
from complaints c
left join flags f using (complaint_id)
