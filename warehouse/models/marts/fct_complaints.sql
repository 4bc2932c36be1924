-- Refresh: by complaint_id
-- Depends: ref_sla_rules, stg_complaint_events
-- Grain: one row per complaint (客户投诉单).
-- Sources: stg_complaint_events, ref_sla_rules (the limit of rule accept_24h).
-- Question: when each complaint was received, accepted and first resolved, how it is classified
-- (the latest non-null classification wins: latest by occurred_at, then by landed_at, so a
-- corrected step re-sent for the same moment replaces the first), and whether it was major.
-- is_accepted_within_24h: accepted at most the limit of sla_rules.csv rule accept_24h (24 calendar
-- hours as shipped) after it was received; the column keeps its name when a company changes the limit.
-- Test: unique(complaint_id)
-- Test: same_rows(select distinct complaint_id from stg_complaint_events)
-- Test: check(accept_limit_hours is not null)
with events as (
  select * from stg_complaint_events
),

accept_rule as (
  -- the acceptance KPI follows the SLA rule (ref_sla_rules tests that accept_24h runs on calendar hours)
  select max(limit_amount) as accept_limit_hours from ref_sla_rules where rule_id = 'accept_24h'
),

milestones as (
  select
    complaint_id,
    coalesce(min(occurred_at) filter (where event_type = 'RECEIVED'), min(occurred_at)) as received_at,
    min(occurred_at) filter (where event_type = 'ACCEPTED') as accepted_at,
    min(occurred_at) filter (where event_type = 'RESOLVED') as first_resolved_at,
    max(occurred_at) filter (where event_type = 'CLOSED') as closed_at,
    count(*) filter (where event_type = 'RESOLVED') as resolve_count,
    count(*) filter (where event_type = 'REOPENED') as explicit_reopen_count,
    bool_or(event_type = 'ESCALATED' or severity = 'MAJOR') as is_major
  from events
  group by complaint_id
),

classification as (
  select
    complaint_id,
    arg_max(project_id, (occurred_at, landed_at)) as project_id,
    arg_max(channel, (occurred_at, landed_at)) filter (where channel is not null) as channel,
    arg_max(category, (occurred_at, landed_at)) filter (where category is not null) as category,
    arg_max(sub_category, (occurred_at, landed_at)) filter (where sub_category is not null) as sub_category,
    arg_max(root_cause, (occurred_at, landed_at)) filter (where root_cause is not null) as root_cause,
    arg_max(building_component, (occurred_at, landed_at)) filter (where building_component is not null) as building_component,
    arg_max(responsible_department, (occurred_at, landed_at)) filter (where responsible_department is not null) as responsible_department,
    arg_max(household_id, (occurred_at, landed_at)) filter (where household_id is not null) as household_id
  from events
  group by complaint_id
),

final as (
  select
    m.complaint_id,
    c.project_id,
    c.channel,
    c.category,
    c.sub_category,
    c.root_cause,
    c.building_component,
    c.responsible_department,
    c.household_id,
    m.is_major,
    m.received_at,
    m.accepted_at,
    m.first_resolved_at,
    m.closed_at,
    m.resolve_count,
    m.explicit_reopen_count,
    strftime(m.received_at, '%Y') || 'Q' || quarter(m.received_at) as received_quarter,
    r.accept_limit_hours,
    m.accepted_at is not null
      and m.accepted_at <= m.received_at + to_microseconds(cast(round(r.accept_limit_hours * 3600000000) as bigint)) as is_accepted_within_24h
  from milestones m
  join classification c using (complaint_id)
  cross join accept_rule r
)

select * from final
