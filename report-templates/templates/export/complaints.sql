-- The complaint-level export for the quality managers' own spreadsheets: one row per complaint
-- received in the quarter, with every milestone, each deadline's outcome and the callback scores.
-- Parameters: $1 = quarter (2026Q3), $2 = the reader's projects (comma-separated) or null for all.
-- Columns:
--   milestones        = first time of each step (received, accepted, site survey, work order,
--                       department feedback, resolved, customer notified, callback, closed)
--   sla_<rule>        = MET / MISSED / NOT_DUE of that rule in the complaint's last cycle with it
--   callback_overall  = mean overall score (1-5) of the answered callbacks about the complaint
with milestones as (
  select complaint_id,
    min(occurred_at) filter (where event_type = 'RECEIVED') as received_at,
    min(occurred_at) filter (where event_type = 'ACCEPTED') as accepted_at,
    min(occurred_at) filter (where event_type = 'SITE_SURVEYED') as site_surveyed_at,
    min(occurred_at) filter (where event_type = 'WORK_ORDER_ISSUED') as work_order_at,
    min(occurred_at) filter (where event_type = 'DEPARTMENT_FEEDBACK') as department_feedback_at,
    min(occurred_at) filter (where event_type = 'RESOLVED') as resolved_at,
    min(occurred_at) filter (where event_type = 'CUSTOMER_NOTIFIED') as customer_notified_at,
    min(occurred_at) filter (where event_type = 'CALLBACK_DONE') as callback_at,
    max(occurred_at) filter (where event_type = 'CLOSED') as closed_at,
    count(*) filter (where event_type = 'REOPENED') as reopens
  from stg_complaint_events
  group by complaint_id
),
sla as (
  select complaint_id,
    string_agg(rule_id || '=' || outcome, '; ' order by rule_id) as sla_outcomes,
    count(*) filter (where outcome = 'MISSED') as sla_missed
  from (select complaint_id, rule_id, arg_max(outcome, cycle) as outcome from stg_complaint_sla group by all)
  group by complaint_id
),
callbacks as (
  select complaint_id, count(*) as callbacks, round(avg(score_overall), 2) as callback_overall
  from stg_callback_surveys where complaint_id is not null group by complaint_id
)
select
  d.complaint_id, d.project_id, d.project_name, d.building, d.channel, d.severity, d.is_major,
  d.category, d.sub_category, d.root_cause, d.responsible_department,
  m.received_at, m.accepted_at, m.site_surveyed_at, m.work_order_at, m.department_feedback_at, m.resolved_at,
  m.customer_notified_at, m.callback_at, m.closed_at, m.reopens,
  coalesce(s.sla_missed, 0) as sla_missed, s.sla_outcomes,
  coalesce(c.callbacks, 0) as callbacks, c.callback_overall
from fct_complaint_drill d
join milestones m using (complaint_id)
left join sla s using (complaint_id)
left join callbacks c using (complaint_id)
where d.quarter = $1
  and (cast($2 as varchar) is null or list_contains(string_split($2, ','), d.project_id))
order by m.received_at, d.complaint_id
