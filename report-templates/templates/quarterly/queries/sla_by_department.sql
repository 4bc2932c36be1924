-- SLA compliance by responsible department in the report period, all rules together (metric
-- sla_compliance_monthly). Parameters: $1, $2 = first and last quarter of the period.
-- Order: the department with the most missed clocks first.
select
  m.responsible_department as department_id,
  coalesce(d.name_zh, m.responsible_department) as name_zh,
  coalesce(d.name_en, m.responsible_department) as name_en,
  sum(m.clocks) as clocks,
  sum(m.missed) as missed,
  sum(m.met) / sum(m.clocks) as compliance_rate
from sla_compliance_monthly m
left join ref_departments d on d.department_id = m.responsible_department
where m.quarter between $1 and $2
group by all
order by missed desc, department_id
