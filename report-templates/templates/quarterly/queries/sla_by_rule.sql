-- SLA compliance rule by rule: the report period beside the period it is compared with (metric
-- sla_compliance_monthly). Rates are recomputed from the counts.
-- Parameters: $1, $2 = first and last quarter of the period (the same quarter for a quarterly
-- report); $3, $4 = first and last quarter of the comparison period.
-- Order: the rule with the lowest compliance in the period first.
with by_rule as (
  select
    rule_id,
    sum(clocks) filter (where quarter between $1 and $2) as clocks,
    sum(met) filter (where quarter between $1 and $2) as met,
    sum(missed) filter (where quarter between $1 and $2) as missed,
    sum(met) filter (where quarter between $3 and $4) / sum(clocks) filter (where quarter between $3 and $4) as previous_rate
  from sla_compliance_monthly
  where quarter between $1 and $2 or quarter between $3 and $4
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
