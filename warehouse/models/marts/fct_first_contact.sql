-- Refresh: by project_id
-- Depends: ref_metric_settings, stg_complaint_facts, stg_service_interactions, dim_calendar
-- Grain: one row per complaint cycle that was resolved, with whether it was resolved at the first
--        contact (the judgement behind metric first_contact_resolution_quarterly).
-- Sources: stg_complaint_facts, stg_service_interactions, dim_calendar, ref_metric_settings
--          (fcr_window_working_days, default 3).
-- Question: which resolutions brought the customer back, by a further contact or a reopen.
-- Definitions:
--   window          = from the resolution to the end of the N-th working day after the resolution
--                     day, N = fcr_window_working_days, on the company calendar (a holiday week
--                     stretches the window; a 调休 Saturday counts)
--   further_contact = a service interaction about the same complaint, or from the same household,
--                     after the resolution and within the window
--   reopened        = a later cycle of the same complaint started within the window
-- A complaint, its household and its interactions belong to one project, so a refresh computes the
-- rows of the projects a batch touched only.
-- Test: unique(complaint_id, cycle)
-- Test: not_null(complaint_id, cycle, project_id, resolved_at, window_end)
with settings as (
  select cast(value as integer) as n from ref_metric_settings where setting = 'fcr_window_working_days'
),
resolved as (
  select f.complaint_id, f.cycle, f.project_id, f.household_id, f.resolved_at,
    (select min(c2.day) from dim_calendar c2 where c2.working_day_number = c.working_day_number + settings.n and c2.is_working_day)
      + interval 1 day as window_end
  from stg_complaint_facts f
  join dim_calendar c on c.day = cast(f.resolved_at as date)
  cross join settings
  where f.resolved_at is not null
)
select r.complaint_id, r.cycle, r.project_id, r.household_id, r.resolved_at, r.window_end,
  -- Two equality look-ups rather than one with "or": each becomes a hash join (with "or" DuckDB
  -- compared every cycle with every interaction: 33 s on a lake of 2.9 million rows).
  exists (select 1 from stg_service_interactions i
          where i.complaint_id = r.complaint_id and i.occurred_at > r.resolved_at and i.occurred_at < r.window_end)
  or (r.household_id is not null and exists (select 1 from stg_service_interactions i
          where i.household_id = r.household_id and i.occurred_at > r.resolved_at and i.occurred_at < r.window_end)) as further_contact,
  exists (select 1 from stg_complaint_facts n
          where n.complaint_id = r.complaint_id and n.cycle > r.cycle
            and n.cycle_started_at > r.resolved_at and n.cycle_started_at < r.window_end) as reopened
from resolved r
