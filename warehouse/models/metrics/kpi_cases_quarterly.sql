-- Depends: ref_projects, fct_surveys, after_sales_satisfaction_quarterly,
-- Depends: callback_coverage_quarterly, complaint_acceptance_quarterly,
-- Depends: complaints_per_1000_households_quarterly, reopen_rate_quarterly,
-- Depends: sla_compliance_quarterly
-- Metric: the cases behind every scorecard KPI, per quarter (KPI 分子与分母): what a longer period
-- (a year, or the year to date) adds up, so that its KPIs keep the quarterly definitions exactly.
-- Grain: one row per quarter, scope ('company', 'project'), project and KPI of kpi_quarterly.
-- Sources: fct_surveys, complaint_acceptance_quarterly, complaints_per_1000_households_quarterly,
--          sla_compliance_quarterly, callback_coverage_quarterly, reopen_rate_quarterly,
--          after_sales_satisfaction_quarterly, ref_projects.
-- Definitions:
--   x, n = the KPI's successes and cases that quarter, i.e. its metric's numerator and denominator:
--     satisfaction_index: x = sum of the 0-100 points of the answers, x2 = sum of their squares,
--       n = answers; top2box_rate: answers of 4-5 / answers;
--     accepted_within_24h: accepted within 24 h / complaints judged (received, less those whose
--       24 hours have not run out);
--     complaints_per_1000_households: complaints received / occupied households (a project without
--       complaints in a quarter the company had some has x = 0, so its households still count);
--     sla_compliance: clocks met / clocks (company only: the rules have no project split);
--     callback_coverage: called back / closed cycles; reopen_rate: reopened / ended cycles;
--     after_sales_satisfaction: satisfied / answered after-sales callbacks
--   Each case counts in exactly one quarter (by the date its own metric uses), so a sum over quarters
--   holds the cases of the longer period.
-- Test: unique(quarter, scope, project_id, kpi_id)
-- Test: check(x >= 0 and (x <= n or kpi_id in ('satisfaction_index', 'complaints_per_1000_households')))
-- Test: check(n > 0)
with surveys as (
  select survey_quarter as quarter,
    case when grouping(project_id) = 1 then 'company' else 'project' end as scope, project_id,
    cast(sum(overall_points) as double) as points, cast(sum(overall_points * overall_points) as double) as points2,
    count(*) filter (where is_top2box) as top2box, count(*) as answers
  from fct_surveys
  group by grouping sets ((survey_quarter, project_id), (survey_quarter))
),
complaint_quarters as (
  select quarter from complaints_per_1000_households_quarterly where scope = 'company'
),
complaints as (
  select q.quarter, 'project' as scope, p.project_id, coalesce(c.complaints, 0) as complaints, p.occupied_households
  from complaint_quarters q
  cross join ref_projects p
  left join complaints_per_1000_households_quarterly c on c.scope = 'project' and c.quarter = q.quarter and c.project_id = p.project_id
  where p.occupied_households > 0
  union all
  select quarter, scope, project_id, complaints, occupied_households
  from complaints_per_1000_households_quarterly where scope = 'company'
),
cases as (
  select quarter, scope, project_id, 'satisfaction_index' as kpi_id, points as x, points2 as x2, answers as n from surveys
  union all
  select quarter, scope, project_id, 'top2box_rate', top2box, null, answers from surveys
  union all
  select quarter, scope, project_id, 'accepted_within_24h', accepted_within_24h, null, complaints_judged
  from complaint_acceptance_quarterly where complaints_judged > 0
  union all
  select quarter, scope, project_id, 'complaints_per_1000_households', complaints, null, occupied_households from complaints
  union all
  select quarter, 'company', null, 'sla_compliance', met, null, clocks from sla_compliance_quarterly where scope = 'all_rules'
  union all
  select quarter, scope, project_id, 'callback_coverage', called_back, null, closed_cycles from callback_coverage_quarterly
  union all
  select quarter, scope, project_id, 'reopen_rate', reopened_cycles, null, ended_cycles from reopen_rate_quarterly
  union all
  select quarter, scope, project_id, 'after_sales_satisfaction', satisfied, null, responses from after_sales_satisfaction_quarterly
)
select quarter, scope, project_id, kpi_id, cast(x as double) as x, x2, cast(n as double) as n
from cases
where n > 0
