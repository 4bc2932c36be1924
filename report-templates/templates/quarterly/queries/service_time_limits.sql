-- Service time limits of contacts (not complaint clocks) for the report period, company rows summed
-- over its quarters: the general service response within 2 hours and its 1-hour goal
-- (service_response_quarterly, 000 §5.1.1), after-sales questions responded to within 24 hours and
-- solved within 48 (after_sales_questions_quarterly, 001 §2.4). Always four rows, in this order, with
-- the limits as metric_settings.csv sets them; a period without contacts has null counts.
-- Parameters: $1, $2 = first and last quarter of the period (the same quarter for a quarterly report).
with settings as (
  select
    max(value) filter (where setting = 'service_response_limit_hours') as limit_hours,
    max(value) filter (where setting = 'service_response_goal_hours') as goal_hours,
    max(value) filter (where setting = 'after_sales_response_limit_hours') as response_limit_hours,
    max(value) filter (where setting = 'after_sales_solve_limit_hours') as solve_limit_hours
  from ref_metric_settings
),
response as (
  select sum(measured) as measured,
    sum(within_limit) as within_limit, sum(within_goal) as within_goal
  from service_response_quarterly where scope = 'company' and quarter between $1 and $2
),
questions as (
  select sum(response_measured) as response_measured, sum(responded_within_limit) as responded_within_limit,
    sum(measured) as measured, sum(solved_within_limit) as solved_within_limit
  from after_sales_questions_quarterly where scope = 'company' and quarter between $1 and $2
)
select 1 as ordinal, 'service_response' as limit_id, limit_hours as hours, measured, within_limit as met from response, settings
union all
select 2, 'service_response_goal', goal_hours, measured, within_goal from response, settings
union all
select 3, 'after_sales_response', response_limit_hours, response_measured, responded_within_limit from questions, settings
union all
select 4, 'after_sales_solve', solve_limit_hours, measured, solved_within_limit from questions, settings
order by ordinal
