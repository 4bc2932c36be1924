-- Refresh: append
-- Depends: none
-- Grain: one row per emerging issue: a term mentioned in a project's complaints of one week
-- (Monday to Sunday) beyond chance given its trailing weeks.
-- Sources: lake table text_alerts (the text analysis of the complaint lifecycle job).
-- Question: which problems are suddenly being talked about, where, and how unusual is it?
--   expected     = the term's mean weekly mentions over the trailing weeks (text.surge.baseline-weeks,
--                  8), at least text.surge.floor-rate (0.5)
--   p_value      = P(X >= observed) for X ~ Poisson(expected)
--   lift_percent = (observed / expected - 1) * 100
--   an alert needs observed >= text.surge.min-count (5) and p_value < text.surge.alpha (0.0001)
-- Test: unique(alert_id)
-- Test: not_null(project_id, week_start, term)
select alert_id, alert_type, alert_at, project_id, cast(week_start as date) as week_start, term, observed, expected,
  p_value, lift_percent, baseline_weeks, complaint_ids
from {{ source('text_alerts') }}
