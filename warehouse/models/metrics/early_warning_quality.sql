-- Depends: stg_complaint_events, fct_complaint_risk
-- Metric: precision and recall of the early warning of complaints that may become major (预警, 002 §3.7.4).
-- Grain: one row per variant of the early-warning rule: all_signals (the rule as configured) and
-- without_escalation_words (the same rule with the word-list signal left out).
-- Sources: fct_complaint_risk, stg_complaint_events.
-- Question: how well does the early warning of complaints that may become major (002 §3.7.4) find them?
-- Definitions: each complaint is judged on the signals known at its cut-off (fct_complaint_risk.cutoff_at:
-- early_warning_observe_days days after its receipt, or the moment it became major (severity MAJOR or an ESCALATED
-- step) when that came first): a warning counts only before the escalation, and every complaint gets the same time
-- to gather signals, major or not. Judged: the settled complaints (fct_complaint_risk.is_settled: became major, or
-- closed; one still open may yet become major) whose cut-off is past the latest step in the lake.
--   precision = flagged complaints that became major / flagged complaints (null when none flagged)
--   recall    = flagged complaints that became major / complaints that became major (null when none)
--   major_share = complaints that became major / complaints judged (what flagging at random would reach as precision)
-- Test: unique(variant)
-- Test: accepted_values(variant: all_signals, without_escalation_words)
-- Test: check(true_positives <= flagged and true_positives <= major and major <= complaints_judged)
with horizon as (
  select max(occurred_at) as latest_step from stg_complaint_events
),

judged as (
  select r.* from fct_complaint_risk r cross join horizon h where r.cutoff_at <= h.latest_step and r.is_settled
),

variants as (
  select 'all_signals' as variant, is_major, is_flagged_at_cutoff as flagged from judged
  union all
  select 'without_escalation_words', is_major, is_flagged_at_cutoff_without_words from judged
)

select
  variant,
  count(*) as complaints_judged,
  count(*) filter (where is_major) as major,
  count(*) filter (where flagged) as flagged,
  count(*) filter (where flagged and is_major) as true_positives,
  round(count(*) filter (where flagged and is_major) / nullif(count(*) filter (where flagged), 0), 4) as "precision",
  round(count(*) filter (where flagged and is_major) / nullif(count(*) filter (where is_major), 0), 4) as recall,
  round(count(*) filter (where is_major) / nullif(count(*), 0), 4) as major_share
from variants
group by variant
