-- Depends: ref_metric_settings, fct_followups
-- Metric: follow-up rate of callback feedback (回访处理率), per quarter of the callback, by project and company.
-- 002 §3.7.5.7: the opinions, requests, suggestions and complaints customers give in a callback are
-- handled properly, major problems referred to the company; the handling rate reaches 100%.
-- Grain: one row per quarter and project with callback follow-ups, plus one row per quarter for the
--        company (project_id null, scope 'company').
-- Sources: fct_followups (kind callback: an answered callback with an overall score of at most
--          followup_callback_max_score, 2, or any dissatisfied item), ref_metric_settings
--          (followup_rate_target, 1 = 100%).
-- Definitions:
--   feedback       = callbacks that opened a follow-up, by the quarter the callback was answered
--   followed_up    = of those, follow-ups closed with an outcome (as the lake holds them: --as-of
--                    counts the ones closed by then)
--   followed_up_on_time = closed on or before their due date
--   followup_rate  = followed_up / feedback; target = followup_rate_target; meets_target = rate >= target
-- Test: unique(quarter, scope, project_id)
-- Test: check(followed_up_on_time <= followed_up and followed_up <= feedback and followup_rate between 0 and 1)
-- Test: not_null(target)
select
  opened_quarter as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as feedback,
  count(*) filter (where status = 'closed') as followed_up,
  count(*) filter (where closed_on_time) as followed_up_on_time,
  round(count(*) filter (where status = 'closed') / count(*), 4) as followup_rate,
  any_value(t.target) as target,
  round(count(*) filter (where status = 'closed') / count(*), 4) >= any_value(t.target) as meets_target
from fct_followups
cross join (select max(value) filter (where setting = 'followup_rate_target') as target from ref_metric_settings) t
where kind = 'callback'
group by grouping sets ((opened_quarter, project_id), (opened_quarter))
