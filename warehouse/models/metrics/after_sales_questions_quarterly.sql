-- Depends: ref_metric_settings, stg_service_interactions
-- Metric: after-sales questions (售后问题) responded to within 24 hours and solved within 48 hours
-- (001 §2.4: 客户提出问题后，24小时内响应，48小时内解决), per quarter, by project and for the company.
-- Grain: one row per quarter (of the contact) and project with a question, plus one row per quarter
--        for the company (project_id null, scope 'company').
-- Sources: stg_service_interactions (kind CONSULTATION, responded_at, promised_reply_at,
--          promise_kept), ref_metric_settings (after_sales_response_limit_hours 24,
--          after_sales_solve_limit_hours 48 as shipped).
-- Definitions:
--   question          = a service interaction of kind CONSULTATION (咨询): a question a customer
--                       asks after the sale. Complaints and repair requests are not questions: their
--                       tickets run the complaint lifecycle with its own, more specific time limits
--                       (sla_rules.csv, 002 §3.4.5); suggestions and praise ask nothing.
--   solved_at         = a question with no promised reply was answered on the spot
--                       (docs/domain.md "Channels"): at responded_at, or at occurred_at when no
--                       response time is recorded; a question with a promised reply was solved at
--                       promised_reply_at when the promise was kept; a broken promise gives no time
--                       (the record does not say when the answer came) and counts as not solved in
--                       time; a promise whose outcome is not recorded yet is pending
--   pending           = questions with a promise whose outcome is not recorded yet (not measured)
--   measured          = questions - pending
--   hours_to_solve    = (solved_at - occurred_at) in hours
--   solved_within_limit = measured questions with hours_to_solve <= after_sales_solve_limit_hours
--   solved_within_limit_rate = solved_within_limit / measured
--   response_measured = questions with responded_at not before occurred_at
--   responded_within_limit = response_measured with (responded_at - occurred_at) <=
--                       after_sales_response_limit_hours; responded_within_limit_rate = over
--                       response_measured
-- Test: check(solved_within_limit <= measured and measured + pending = questions and (measured = 0 or solved_within_limit_rate between 0 and 1))
-- Test: check(responded_within_limit <= response_measured and response_measured <= questions)
-- Test: not_null(solve_limit_hours, response_limit_hours)
-- Test: accepted_values(scope: company, project)
with settings as (
  select
    max(value) filter (where setting = 'after_sales_solve_limit_hours') as solve_limit_hours,
    max(value) filter (where setting = 'after_sales_response_limit_hours') as response_limit_hours
  from ref_metric_settings
),

questions as (
  select
    strftime(i.occurred_at, '%Y') || 'Q' || quarter(i.occurred_at) as quarter,
    i.project_id,
    i.occurred_at,
    i.responded_at,
    i.promised_reply_at is not null and i.promise_kept is null as is_pending,
    case
      when i.promised_reply_at is null then coalesce(i.responded_at, i.occurred_at)
      when i.promise_kept then i.promised_reply_at
    end as solved_at,
    s.solve_limit_hours,
    s.response_limit_hours
  from stg_service_interactions i
  cross join settings s
  where i.kind = 'CONSULTATION'
),

flagged as (
  select *,
    not is_pending and solved_at is not null
      and date_diff('second', occurred_at, solved_at) / 3600.0 <= solve_limit_hours as is_solved_within_limit,
    responded_at >= occurred_at as is_response_measured,
    responded_at >= occurred_at
      and date_diff('second', occurred_at, responded_at) / 3600.0 <= response_limit_hours as is_responded_within_limit
  from questions
)

select
  quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as questions,
  count(*) filter (where is_pending) as pending,
  count(*) filter (where not is_pending) as measured,
  count(*) filter (where is_solved_within_limit) as solved_within_limit,
  round(count(*) filter (where is_solved_within_limit) / nullif(count(*) filter (where not is_pending), 0), 4) as solved_within_limit_rate,
  count(*) filter (where is_response_measured) as response_measured,
  count(*) filter (where is_responded_within_limit) as responded_within_limit,
  round(count(*) filter (where is_responded_within_limit) / nullif(count(*) filter (where is_response_measured), 0), 4)
    as responded_within_limit_rate,
  max(solve_limit_hours) as solve_limit_hours,
  max(response_limit_hours) as response_limit_hours
from flagged
group by grouping sets ((quarter, project_id), (quarter))
