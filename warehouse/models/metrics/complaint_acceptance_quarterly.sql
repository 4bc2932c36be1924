-- Depends: fct_complaints, stg_complaint_events, stg_sla_events
-- Metric: share of complaints accepted within 24 hours (24小时受理率), per quarter.
-- Grain: one row per quarter and project, plus one row per quarter for the company (scope 'company').
-- Sources: fct_complaints, stg_sla_events (the BREACH of rule accept_24h), stg_complaint_events
--          (the newest step).
-- Definitions (docs/domain.md "Time limits": accept and record a complaint within 24 hours):
--   complaints_received            = complaints first received in the quarter
--   complaints_awaiting_acceptance = of those, not accepted, not closed, with no BREACH of rule
--                                    accept_24h yet (the lifecycle raises it when their 24 hours
--                                    run out, on the wall clock in a live service), and received
--                                    less than the limit before the lake's newest step: neither a
--                                    success nor a miss yet
--   complaints_judged              = complaints_received - complaints_awaiting_acceptance
--   accepted_within_24h            = of those, ACCEPTED at most the limit of sla_rules.csv rule
--                                    accept_24h (24 calendar hours as shipped) after RECEIVED
--                                    (fct_complaints); one never accepted whose limit ran out, or
--                                    closed unaccepted, is not within 24 hours
--   accepted_within_24h_rate       = accepted_within_24h / complaints_judged (null while none is)
-- Test: check(accepted_within_24h <= complaints_judged)
-- Test: check(complaints_judged + complaints_awaiting_acceptance = complaints_received)
with overdue as (
  select distinct complaint_id
  from stg_sla_events
  where rule_id = 'accept_24h' and alert_type = 'BREACH'
),

newest as (
  select max(occurred_at) as newest_step from stg_complaint_events
),

complaints as (
  select c.received_quarter, c.project_id, c.is_accepted_within_24h,
    c.accepted_at is null and c.closed_at is null and o.complaint_id is null
      and c.received_at + to_microseconds(cast(round(c.accept_limit_hours * 3600000000) as bigint))
        > n.newest_step as is_awaiting_acceptance
  from fct_complaints c
  cross join newest n
  left join overdue o using (complaint_id)
)

select
  received_quarter as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as complaints_received,
  count(*) filter (where is_awaiting_acceptance) as complaints_awaiting_acceptance,
  count(*) filter (where not is_awaiting_acceptance) as complaints_judged,
  count(*) filter (where is_accepted_within_24h) as accepted_within_24h,
  round(count(*) filter (where is_accepted_within_24h)
    / nullif(count(*) filter (where not is_awaiting_acceptance), 0), 4) as accepted_within_24h_rate
from complaints
group by grouping sets ((received_quarter, project_id), (received_quarter))
