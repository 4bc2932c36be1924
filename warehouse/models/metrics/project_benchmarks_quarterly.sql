-- Depends: ref_metric_settings, ref_projects, ref_t_critical_95, satisfaction_stats_quarterly
-- Metric: project benchmarks (项目对标), per quarter: each project's satisfaction index against
-- the company's other projects (percentile rank) and against the industry reference.
-- Grain: one row per quarter and project with answered surveys.
-- Sources: satisfaction_stats_quarterly (answers, mean, variance), ref_projects (names),
--          ref_metric_settings (min_responses, industry_satisfaction_index: 85.6, docs/domain.md),
--          ref_t_critical_95.
-- Definitions:
--   satisfaction_index = mean of (score_overall - 1) / 4 * 100 over the quarter's answers
--   ci_low, ci_high    = satisfaction_index -+ t(0.975, n - 1) * sqrt(variance / n): the 95% interval
--                        (t of the largest df in ref_t_critical_95 not above n - 1), kept within 0-100
--   percentile_rank    = (rank - 1) / (projects - 1) * 100 among the quarter's projects with at least
--                        min_responses answers, lowest index 0, highest 100 (one project: 100);
--                        null under min_responses (sample_note 'insufficient_sample')
--   company_index      = the index over all the company's answers that quarter
--   versus_industry    = 'above' when ci_low > industry_satisfaction_index, 'below' when
--                        ci_high < it, else 'not_different' (the interval holds it, or one answer);
--                        null under min_responses: a handful of identical answers makes a
--                        zero-width interval, which is no evidence either way
--   gap_to_industry    = satisfaction_index - industry_satisfaction_index
-- Test: unique(quarter, project_id)
-- Test: accepted_values(versus_industry: above, below, not_different)
-- Test: check(sample_note = 'ok' or versus_industry is null)
-- Test: check(percentile_rank is null or percentile_rank between 0 and 100)
-- Test: check(ci_low is null or (ci_low <= satisfaction_index + 1e-9 and satisfaction_index <= ci_high + 1e-9))
with settings as (
  select
    (select value from ref_metric_settings where setting = 'min_responses') as min_responses,
    (select value from ref_metric_settings where setting = 'industry_satisfaction_index') as industry
),
projects as (
  select s.quarter, s.project_id, s.responses, s.index_mean, s.index_variance,
    (select t.t from ref_t_critical_95 t where t.df <= greatest(s.responses - 1, 1) order by t.df desc limit 1) as t_crit
  from satisfaction_stats_quarterly s
  where s.scope = 'project'
),
ranked as (
  select p.*,
    p.responses >= st.min_responses as sample_ok,
    case when p.responses >= st.min_responses then
      case when count(*) filter (where p.responses >= st.min_responses) over (partition by p.quarter) = 1 then 100.0
      else round(100.0 * (rank() over (partition by p.quarter, p.responses >= st.min_responses order by p.index_mean) - 1)
        / (count(*) filter (where p.responses >= st.min_responses) over (partition by p.quarter) - 1), 1) end
    end as percentile_rank
  from projects p, settings st
)
select
  r.quarter, r.project_id, rp.name_zh as project_name, r.responses,
  round(r.index_mean, 1) as satisfaction_index,
  case when r.index_variance is not null then round(greatest(0.0, r.index_mean - r.t_crit * sqrt(r.index_variance / r.responses)), 1) end as ci_low,
  case when r.index_variance is not null then round(least(100.0, r.index_mean + r.t_crit * sqrt(r.index_variance / r.responses)), 1) end as ci_high,
  r.percentile_rank,
  case when r.sample_ok then 'ok' else 'insufficient_sample' end as sample_note,
  round(c.index_mean, 1) as company_index,
  st.industry as industry_index,
  round(r.index_mean - st.industry, 1) as gap_to_industry,
  case
    when not r.sample_ok then null
    when r.index_variance is null then 'not_different'
    when r.index_mean - r.t_crit * sqrt(r.index_variance / r.responses) > st.industry then 'above'
    when r.index_mean + r.t_crit * sqrt(r.index_variance / r.responses) < st.industry then 'below'
    else 'not_different'
  end as versus_industry
from ranked r
cross join settings st
left join satisfaction_stats_quarterly c on c.quarter = r.quarter and c.scope = 'company'
left join ref_projects rp on rp.project_id = r.project_id
