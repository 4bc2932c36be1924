-- Depends: stg_service_interactions
-- Metric: promised replies kept (承诺回复兑现率), per quarter, by project and company.
-- Grain: one row per quarter and project, plus one row per quarter for the company (project_id
--        null, scope 'company').
-- Sources: stg_service_interactions (interactions that promised a reply time).
-- Definitions (docs/domain.md "Channels": a question not answered at once gets a promised reply time,
-- then kept or broken):
--   promises           = interactions in the quarter (by contact date) with promised_reply_at
--   kept               = promises with promise_kept = true; broken = promise_kept = false
--   outcome_unknown    = promises whose outcome is not recorded yet
--   promises_kept_rate = kept / (kept + broken): over promises with a known outcome
-- Test: check(kept + broken + outcome_unknown = promises)
-- Test: check(promises_kept_rate is null or promises_kept_rate between 0 and 1)
select
  strftime(occurred_at, '%Y') || 'Q' || quarter(occurred_at) as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as promises,
  count(*) filter (where promise_kept) as kept,
  count(*) filter (where not promise_kept) as broken,
  count(*) filter (where promise_kept is null) as outcome_unknown,
  round(count(*) filter (where promise_kept) / nullif(count(*) filter (where promise_kept is not null), 0), 4) as promises_kept_rate
from stg_service_interactions
where promised_reply_at is not null
group by grouping sets ((1, project_id), (1))
