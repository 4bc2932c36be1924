-- Depends: ref_projects, stg_complaint_text, stg_text_alerts
-- Metric: emerging issues (新发问题预警), per week: terms whose mentions in a project's complaints
-- surged beyond chance against the project's own trailing weeks.
-- Grain: one row per project, week (Monday to Sunday, local) and surging term.
-- Sources: stg_text_alerts (tested in the stream as each week closes), ref_projects (names),
--          stg_complaint_text (the week's complaints of the project, for the share).
-- Definitions:
--   observed        = complaints of the project received that week whose text mentions the term
--                     (each complaint counts once)
--   expected        = mean weekly mentions over the trailing 8 weeks since the project's first
--                     complaint text (text.surge.baseline-weeks), at least 0.5 (text.surge.floor-rate)
--   lift_percent    = (observed / expected - 1) * 100: "电梯困人 +1100%"
--   p_value         = P(X >= observed), X ~ Poisson(expected); an alert needs p_value < 0.0001
--                     (text.surge.alpha) and observed >= 5 (text.surge.min-count)
--   week_complaints = complaints with a text of the project that week
--   share_of_week   = observed / week_complaints
--   quarter         = the quarter of the week's Monday
-- Test: unique(project_id, week_start, term)
-- Test: check(observed >= 1 and p_value between 0 and 1 and share_of_week between 0 and 1)
with week_texts as (
  select project_id, week_start, count(*) as week_complaints
  from stg_complaint_text
  group by all
)
select
  a.project_id, p.name_zh as project_name, a.week_start,
  strftime(a.week_start, '%Y') || 'Q' || quarter(a.week_start) as quarter,
  a.term, a.observed, a.expected, a.lift_percent, a.p_value, a.baseline_weeks,
  w.week_complaints, round(a.observed / w.week_complaints, 4) as share_of_week,
  a.complaint_ids
from stg_text_alerts a
left join ref_projects p using (project_id)
left join week_texts w using (project_id, week_start)
