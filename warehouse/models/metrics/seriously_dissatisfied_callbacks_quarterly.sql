-- Depends: fct_followups
-- Metric: seriously dissatisfied customers called back again (严重不满意客户再回访率), per quarter.
-- 002 §3.7.5.9: the customer-service manager must take part in calling back again every customer
-- seriously dissatisfied with the company in a callback. By quarter of the callback, project and company.
-- Grain: one row per quarter and project with seriously dissatisfied callbacks, plus one row per
--        quarter for the company (project_id null, scope 'company').
-- Sources: fct_followups (kind callback with is_seriously_dissatisfied: an overall score of at most
--          seriously_dissatisfied_max_score, 1 = 非常不满意).
-- Definitions:
--   seriously_dissatisfied = answered callbacks of the quarter with that score (one follow-up each;
--                            a household answering twice counts twice: each answer is owed a call)
--   called_back            = of those, follow-ups with a CALLED_BACK event (the customer was called back)
--   called_back_on_time    = called back on or before the follow-up's due date
--   called_back_rate       = called_back / seriously_dissatisfied (the procedure asks for all: 100%)
-- Test: unique(quarter, scope, project_id)
-- Test: check(called_back_on_time <= called_back and called_back <= seriously_dissatisfied and called_back_rate between 0 and 1)
select
  opened_quarter as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as seriously_dissatisfied,
  count(*) filter (where called_back_at is not null) as called_back,
  count(*) filter (where cast(called_back_at as date) <= due_on) as called_back_on_time,
  round(count(*) filter (where called_back_at is not null) / count(*), 4) as called_back_rate
from fct_followups
where kind = 'callback' and is_seriously_dissatisfied
group by grouping sets ((opened_quarter, project_id), (opened_quarter))
