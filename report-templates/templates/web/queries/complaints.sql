-- The complaints at the end of a drill-down path (quality managers only): newest first, at most
-- 500. {{conditions}} as in drill.sql.
select complaint_id, project_id, project_name, building, channel, severity, category, sub_category, root_cause,
  responsible_department, received_at, closed_at, case when closed_at is null then 'open' else 'closed' end as status,
  sla_missed, breached, negative_tone, suggested_component
from fct_complaint_drill
where {{conditions}}
order by received_at desc, complaint_id
limit 500
