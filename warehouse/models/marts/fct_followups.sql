-- Refresh: by project_id
-- Depends: ref_metric_settings, ref_notification_routes, stg_callback_surveys, stg_followup_events,
-- Depends: stg_sla_events, stg_text_alerts, dim_calendar
-- Grain: one row per follow-up (跟进): every SLA BREACH, every ESCALATION, every emerging issue and
-- every answered callback with an overall score of at most followup_callback_max_score (2) or any
-- dissatisfied item opens one.
-- Sources: stg_sla_events (BREACH, ESCALATION), stg_text_alerts (emerging issues), stg_callback_surveys,
--          stg_followup_events (what quality managers did in the drill-down), ref_notification_routes,
--          dim_calendar, ref_metric_settings.
-- Question: which alerts and unhappy customers are being followed up, by whom, by when, and how it ended.
-- Opening is derived from the alert or survey itself, so a replay of the same history opens the same
-- follow-ups with the same ids; the changes are events, so --as-of reads the state at that moment.
-- Definitions:
--   followup_id  = 'FU-' || the alert_id (alerts) or the survey_id (callbacks)
--   kind         = breach, escalation, emerging_issue or callback
--   opened_at    = the alert's alert_at, or the survey's occurred_at
--   route_owner  = the recipients of the first route of notification_routes.csv, in file order, that
--                  the alert takes (as the notifier routes it: every condition holds, an empty one
--                  holds for all; a route marked unrouted_only only when no other route matches);
--                  '客户服务部经理' (the customer-service manager, 002 §3.7.5.9) for a callback or an
--                  alert no route takes
--   owner        = the assignee of the latest ASSIGNED event, else route_owner
--   due_on       = the followup_due_working_days-th (3) working day after the day it opened
--                  (dim_calendar: weekends, holidays and 调休 as the company calendar has them)
--   status       = closed (a CLOSED event; the first one counts), assigned (an ASSIGNED event), or open
--   closed_on_time = closed on or before due_on (null while open)
--   called_back_at = the first CALLED_BACK event (the customer called back again)
--   is_seriously_dissatisfied = a callback with an overall score at most seriously_dissatisfied_max_score (1)
-- Test: unique(followup_id)
-- Test: not_null(followup_id, kind, opened_at, due_on, status, owner)
-- Test: accepted_values(kind: breach, escalation, emerging_issue, callback)
-- Test: accepted_values(status: open, assigned, closed)
-- Test: check((status = 'closed') = (closed_at is not null and outcome is not null))
-- Test: check(due_on > cast(opened_at as date))
with settings as (
  select
    max(value) filter (where setting = 'followup_due_working_days') as due_working_days,
    max(value) filter (where setting = 'followup_callback_max_score') as callback_max_score,
    max(value) filter (where setting = 'seriously_dissatisfied_max_score') as serious_max_score
  from ref_metric_settings
),
alerts as (
  select 'FU-' || alert_id as followup_id, lower(alert_type) as kind, alert_type, alert_at as opened_at, project_id, complaint_id,
    severity, responsible_department as department_id, rule_id, handler_staff_id as staff_id, null as term, null as survey_id,
    null::integer as score_overall, false as is_seriously_dissatisfied
  from stg_sla_events
  where alert_type in ('BREACH', 'ESCALATION')
  union all
  select 'FU-' || alert_id, 'emerging_issue', 'EMERGING_ISSUE', alert_at, project_id, null, null, null, null, null, term, null,
    null, false
  from stg_text_alerts
),
callbacks as (
  select 'FU-' || s.survey_id as followup_id, 'callback' as kind, null as alert_type, s.occurred_at as opened_at, s.project_id,
    s.complaint_id, null as severity, null as department_id, null as rule_id, s.staff_id, null as term, s.survey_id,
    s.score_overall, s.score_overall <= settings.serious_max_score as is_seriously_dissatisfied
  from stg_callback_surveys s, settings
  where s.score_overall <= settings.callback_max_score or len(coalesce(s.dissatisfied_items, [])) > 0
),
opened as (
  select * from alerts
  union all
  select * from callbacks
),
routed as (
  select a.followup_id, arg_min(replace(r.recipients, '|', ', '), (r.unrouted_only, r.route_order)) as route_owner
  from alerts a
  join ref_notification_routes r
    on (len(r.alert_types) = 0 or list_contains(r.alert_types, a.alert_type))
   and (len(r.severities) = 0 or list_contains(r.severities, a.severity))
   and (len(r.projects) = 0 or list_contains(r.projects, a.project_id))
   and (len(r.departments) = 0 or list_contains(r.departments, a.department_id))
  group by a.followup_id
),
actions as (
  select followup_id,
    arg_max(assignee, (occurred_at, landed_at)) filter (where action = 'ASSIGNED') as assignee,
    max(occurred_at) filter (where action = 'ASSIGNED') as assigned_at,
    min(occurred_at) filter (where action = 'CLOSED') as closed_at,
    arg_min(outcome, (occurred_at, landed_at)) filter (where action = 'CLOSED') as outcome,
    arg_min(actor, (occurred_at, landed_at)) filter (where action = 'CLOSED') as closed_by,
    min(occurred_at) filter (where action = 'CALLED_BACK') as called_back_at,
    count(*) filter (where action = 'COMMENTED') as comments,
    max(occurred_at) as last_action_at
  from stg_followup_events
  group by followup_id
)
select
  o.followup_id, o.kind, o.opened_at, cast(o.opened_at as date) as opened_on,
  strftime(o.opened_at, '%Y') || 'Q' || quarter(o.opened_at) as opened_quarter,
  o.project_id, o.complaint_id, o.survey_id, o.term, o.severity, o.department_id, o.rule_id, o.staff_id, o.score_overall,
  o.is_seriously_dissatisfied,
  coalesce(r.route_owner, '客户服务部经理') as route_owner,
  coalesce(a.assignee, r.route_owner, '客户服务部经理') as owner,
  due.day as due_on,
  strftime(due.day, '%Y') || 'Q' || quarter(due.day) as due_quarter,
  case when a.closed_at is not null then 'closed' when a.assignee is not null then 'assigned' else 'open' end as status,
  a.assigned_at, a.closed_at, a.outcome, a.closed_by,
  case when a.closed_at is null then null else cast(a.closed_at as date) <= due.day end as closed_on_time,
  a.called_back_at, coalesce(a.comments, 0) as comments, a.last_action_at
from opened o
cross join settings
join dim_calendar c on c.day = cast(o.opened_at as date)
join dim_calendar due on due.is_working_day and due.working_day_number = c.working_day_number + settings.due_working_days
left join routed r using (followup_id)
left join actions a using (followup_id)
