-- How each deadline of one complaint came out (quality managers only). Parameters as timeline.sql.
select s.cycle, s.rule_id, r.name_zh, r.name_en, s.started_at, s.deadline, s.stopped_at, s.outcome, s.elapsed_hours, s.limit_hours
from stg_complaint_sla s
left join ref_sla_rules r using (rule_id)
where s.complaint_id = $1
  and (cast($2 as varchar) is null or list_contains(string_split($2, ','), s.project_id))
order by s.cycle, s.started_at, s.rule_id
