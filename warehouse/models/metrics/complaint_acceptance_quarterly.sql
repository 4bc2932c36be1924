-- Depends: fct_complaints
-- Metric: share of complaints accepted within 24 hours (24小时受理率), per quarter.
-- Grain: one row per quarter and project, plus one row per quarter for the company (scope 'company').
-- Sources: fct_complaints.
-- Definitions (docs/domain.md "Time limits": accept and record a complaint within 24 hours):
--   complaints_received     = complaints first received in the quarter
--   accepted_within_24h     = of those, ACCEPTED at most the limit of sla_rules.csv rule accept_24h
--                             (24 calendar hours as shipped) after RECEIVED (fct_complaints)
--                             (a complaint never accepted counts as not within 24 hours)
--   accepted_within_24h_rate = accepted_within_24h / complaints_received
-- Test: check(accepted_within_24h <= complaints_received)
select
  received_quarter as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as complaints_received,
  count(*) filter (where is_accepted_within_24h) as accepted_within_24h,
  round(count(*) filter (where is_accepted_within_24h) / count(*), 4) as accepted_within_24h_rate
from fct_complaints
group by grouping sets ((received_quarter, project_id), (received_quarter))
