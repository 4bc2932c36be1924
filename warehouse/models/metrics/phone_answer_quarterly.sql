-- Depends: stg_service_interactions
-- Metric: phone calls answered within three rings (三声内接听率), per quarter, by project and company.
-- Grain: one row per quarter and project, plus one row per quarter for the company (project_id
--        null, scope 'company').
-- Sources: stg_service_interactions (channel PHONE with the number of rings recorded).
-- Definitions (docs/domain.md "Channels": phone is answered within three rings):
--   phone_calls            = PHONE interactions in the quarter whose rings_before_answer is recorded
--   answered_within_3_rings = those with rings_before_answer <= 3
--   within_3_rings_rate    = answered_within_3_rings / phone_calls
--   Calls without a ring count are left out (not counted as failures), and counted in
--   calls_without_ring_count so that a gap in the data shows.
-- Test: check(answered_within_3_rings <= phone_calls)
-- Test: check(within_3_rings_rate is null or within_3_rings_rate between 0 and 1)
select
  strftime(occurred_at, '%Y') || 'Q' || quarter(occurred_at) as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) filter (where rings_before_answer is not null) as phone_calls,
  count(*) filter (where rings_before_answer <= 3) as answered_within_3_rings,
  round(count(*) filter (where rings_before_answer <= 3) / nullif(count(*) filter (where rings_before_answer is not null), 0), 4)
    as within_3_rings_rate,
  count(*) filter (where rings_before_answer is null) as calls_without_ring_count
from stg_service_interactions
where channel = 'PHONE'
group by grouping sets ((1, project_id), (1))
