-- Depends: ref_metric_settings, ref_t_critical_95, satisfaction_stats_quarterly
-- Metric: change of the satisfaction index and of the top-2-box rate against the previous quarter
-- and the same quarter a year before, with a 95% confidence interval and a significance flag
-- (满意度变化及显著性).
-- Grain: one row per quarter, scope (company / project), project, comparison
--        ('previous_quarter', 'same_quarter_last_year') and measure ('satisfaction_index',
--        'top2box_rate'); only where both quarters have answers.
-- Sources: satisfaction_stats_quarterly, ref_metric_settings (min_responses), ref_t_critical_95.
-- Definitions:
--   change (index)   = mean points now - mean points then (Welch); SE = sqrt(v1/n1 + v2/n2);
--                      df = SE^4 / ((v1/n1)^2/(n1-1) + (v2/n2)^2/(n2-1)) (Welch-Satterthwaite);
--                      interval = change +- t(0.975, df) * SE, t from the largest table df <= df
--   change (top-2-box) = p1 - p2; interval by Newcombe's hybrid score method from the two Wilson
--                      intervals: low = d - sqrt((p1 - l1)^2 + (u2 - p2)^2),
--                      high = d + sqrt((u1 - p1)^2 + (p2 - l2)^2)
--   significant      = the interval excludes 0
--   sample_note      = 'insufficient_sample' when either quarter has fewer than min_responses
--                      answers: then change, interval and significant are null (no number)
-- Test: accepted_values(comparison: previous_quarter, same_quarter_last_year)
-- Test: accepted_values(measure: satisfaction_index, top2box_rate)
-- Test: accepted_values(sample_note: ok, insufficient_sample)
-- Test: check(sample_note = 'insufficient_sample' or (ci_low <= change and change <= ci_high))
-- Test: unique(quarter, scope, project_id, comparison, measure)
with settings as (
  select value as min_responses from ref_metric_settings where setting = 'min_responses'
),
pairs as (
  select o.comparison, c.quarter, c.scope, c.project_id, b.quarter as base_quarter,
    c.responses as n1, b.responses as n2, c.index_mean as m1, b.index_mean as m2,
    c.index_variance as v1, b.index_variance as v2,
    c.top2box_rate as p1, b.top2box_rate as p2,
    c.top2box_wilson_low as l1, c.top2box_wilson_high as u1, b.top2box_wilson_low as l2, b.top2box_wilson_high as u2
  from satisfaction_stats_quarterly c
  cross join (values ('previous_quarter', 1), ('same_quarter_last_year', 4)) o(comparison, quarters_back)
  join satisfaction_stats_quarterly b
    on b.quarter_index = c.quarter_index - o.quarters_back and b.scope = c.scope and b.project_id is not distinct from c.project_id
),
welch as (
  select p.*,
    p.m1 - p.m2 as index_change,
    welch_se(p.v1, p.n1, p.v2, p.n2) as se,
    welch_df(p.v1, p.n1, p.v2, p.n2) as df,
    p.n1 >= s.min_responses and p.n2 >= s.min_responses as sample_ok
  from pairs p, settings s
),
judged as (
  select w.*,
    (select t.t from ref_t_critical_95 t where t.df <= greatest(floor(w.df + 1e-9), 1) order by t.df desc limit 1) as t_crit,
    w.p1 - w.p2 as t2b_change,
    newcombe_low(w.p1, w.l1, w.u1, w.p2, w.l2, w.u2) as t2b_low,
    newcombe_high(w.p1, w.l1, w.u1, w.p2, w.l2, w.u2) as t2b_high
  from welch w
)
select
  quarter, scope, project_id, comparison, base_quarter, 'satisfaction_index' as measure,
  n1 as responses, n2 as base_responses,
  round(m1, 1) as value, round(m2, 1) as base_value,
  case when sample_ok then round(index_change, 1) end as change,
  case when sample_ok then round(index_change - t_crit * se, 1) end as ci_low,
  case when sample_ok then round(index_change + t_crit * se, 1) end as ci_high,
  case when sample_ok then (index_change - t_crit * se > 0 or index_change + t_crit * se < 0) end as significant,
  case when sample_ok then 'ok' else 'insufficient_sample' end as sample_note
from judged
union all
select
  quarter, scope, project_id, comparison, base_quarter, 'top2box_rate',
  n1, n2,
  round(p1, 4), round(p2, 4),
  case when sample_ok then round(t2b_change, 4) end,
  case when sample_ok then round(t2b_low, 4) end,
  case when sample_ok then round(t2b_high, 4) end,
  case when sample_ok then (t2b_low > 0 or t2b_high < 0) end,
  case when sample_ok then 'ok' else 'insufficient_sample' end
from judged
