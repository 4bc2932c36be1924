-- SLA compliance by the team of the staff member credited with each clock (the one who did the
-- stopping step, or the starting step when it never came), in the report period, all rules together.
-- Parameters: $1, $2 = first and last quarter of the period. Sources: sla_compliance_monthly, ref_staff.
-- Order: lowest compliance first.
select
  coalesce(s.team, '?') as team,
  count(distinct m.handler_staff_id) as staff,
  sum(m.clocks) as clocks,
  sum(m.missed) as missed,
  sum(m.met) / sum(m.clocks) as compliance_rate
from sla_compliance_monthly m
left join ref_staff s on s.staff_id = m.handler_staff_id
where m.quarter between $1 and $2
group by all
order by compliance_rate, team
