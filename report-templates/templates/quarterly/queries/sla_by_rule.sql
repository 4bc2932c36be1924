-- SLA compliance rule by rule: this quarter beside the previous one (metric sla_compliance_monthly).
-- Parameters: $1 = quarter, $2 = previous quarter. Rates are recomputed from the counts.
-- Order: the rule with the lowest compliance this quarter first.
with by_rule as (
  select
    rule_id,
    sum(clocks) filter (where quarter = $1) as clocks,
    sum(met) filter (where quarter = $1) as met,
    sum(missed) filter (where quarter = $1) as missed,
    sum(met) filter (where quarter = $2) / sum(clocks) filter (where quarter = $2) as previous_rate
  from sla_compliance_monthly
  where quarter in ($1, $2)
  group by rule_id
)
select
  r.rule_id,
  coalesce(s.name_zh, r.rule_id) as name_zh,
  coalesce(s.name_en, r.rule_id) as name_en,
  coalesce(r.clocks, 0) as clocks,
  coalesce(r.met, 0) as met,
  coalesce(r.missed, 0) as missed,
  r.met / r.clocks as compliance_rate,
  r.previous_rate
from by_rule r
left join ref_sla_rules s using (rule_id)
where r.clocks > 0
order by compliance_rate, r.rule_id
