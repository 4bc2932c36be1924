-- Deadlines missed in the week, by rule, with the complaints behind them (at most 5 ids per rule).
-- Parameters: $1 = week start, $2 = week end (exclusive), $3 = service office or null for all.
select s.rule_id, r.name_zh, r.name_en, count(*) as missed,
  array_to_string((list(s.complaint_id order by s.deadline, s.complaint_id))[1:5], ', ') as complaints
from stg_complaint_sla s
join fct_complaint_drill c using (complaint_id)
left join ref_sla_rules r using (rule_id)
where s.outcome = 'MISSED' and s.deadline >= $1 and s.deadline < $2
  and (cast($3 as varchar) is null or c.service_office = $3)
group by all
order by missed desc, s.rule_id
