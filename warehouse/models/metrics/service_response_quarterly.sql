-- Depends: ref_metric_settings, stg_service_interactions
-- Metric: general service response (一般服务响应) within 2 hours, goal 1 hour (000 §5.1.1, §5.2.1),
-- per quarter, by project and for the company.
-- Grain: one row per quarter (of the contact) and project with a measured contact, plus one row per
--        quarter for the company (project_id null, scope 'company').
-- Sources: stg_service_interactions (responded_at: when a person first responded; equal to
--          occurred_at when answered at once), ref_metric_settings (service_response_limit_hours 2,
--          service_response_goal_hours 1 as shipped).
-- Definitions:
--   measured          = contacts of the quarter with a responded_at not before occurred_at (contacts
--                       without one are not measured; one before occurred_at is a recording error,
--                       counted in not_measurable)
--   hours_to_respond  = (responded_at - occurred_at) in hours
--   within_limit      = measured contacts with hours_to_respond <= service_response_limit_hours
--   within_goal       = measured contacts with hours_to_respond <= service_response_goal_hours
--   within_limit_rate, within_goal_rate = within_limit / measured, within_goal / measured
--   hours_to_respond_p90 = the 90th percentile of hours_to_respond (linear interpolation)
-- Test: check(within_goal <= within_limit and within_limit <= measured and (measured = 0 or within_limit_rate between 0 and 1))
-- Test: not_null(limit_hours, goal_hours)
-- Test: accepted_values(scope: company, project)
with settings as (
  select
    max(value) filter (where setting = 'service_response_limit_hours') as limit_hours,
    max(value) filter (where setting = 'service_response_goal_hours') as goal_hours
  from ref_metric_settings
),

contacts as (
  select
    strftime(i.occurred_at, '%Y') || 'Q' || quarter(i.occurred_at) as quarter,
    i.project_id,
    i.responded_at >= i.occurred_at as is_measurable,
    date_diff('second', i.occurred_at, i.responded_at) / 3600.0 as hours_to_respond,
    s.limit_hours,
    s.goal_hours
  from stg_service_interactions i
  cross join settings s
  where i.responded_at is not null
),

flagged as (
  select *,
    is_measurable and hours_to_respond <= limit_hours as is_within_limit,
    is_measurable and hours_to_respond <= goal_hours as is_within_goal
  from contacts
)

select
  quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) filter (where is_measurable) as measured,
  count(*) filter (where not is_measurable) as not_measurable,
  count(*) filter (where is_within_limit) as within_limit,
  count(*) filter (where is_within_goal) as within_goal,
  round(count(*) filter (where is_within_limit) / nullif(count(*) filter (where is_measurable), 0), 4) as within_limit_rate,
  round(count(*) filter (where is_within_goal) / nullif(count(*) filter (where is_measurable), 0), 4) as within_goal_rate,
  round(quantile_cont(hours_to_respond, 0.9) filter (where is_measurable), 2) as hours_to_respond_p90,
  max(limit_hours) as limit_hours,
  max(goal_hours) as goal_hours
from flagged
group by grouping sets ((quarter, project_id), (quarter))
