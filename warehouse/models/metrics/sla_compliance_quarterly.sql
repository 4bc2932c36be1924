-- Depends: sla_compliance_monthly
-- Metric: SLA compliance per rule and quarter, and over all rules (rule_id null, scope 'all_rules').
-- Grain: one row per quarter and rule, plus one row per quarter for all rules together.
-- Sources: sla_compliance_monthly.
-- Definitions: compliance_rate = met / (met + missed), clocks by the quarter they started in.
-- Test: check(met + missed = clocks and compliance_rate between 0 and 1)
select
  quarter,
  case when grouping(rule_id) = 1 then 'all_rules' else 'rule' end as scope,
  rule_id,
  sum(clocks) as clocks,
  sum(met) as met,
  sum(missed) as missed,
  round(sum(met) / sum(clocks), 4) as compliance_rate
from sla_compliance_monthly
group by grouping sets ((quarter, rule_id), (quarter))
