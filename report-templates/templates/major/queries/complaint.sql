-- The complaint a special report is about (专项报告, 002 §3.10.5-6): classification, root cause,
-- responsibility and milestones (mart fct_complaints) with their names from the reference files;
-- when it became major (the first ESCALATED step or step marked MAJOR); the complainant's intent
-- (the first stated); whether its household complained before (fct_repeat_complaints: only yes or no
-- and the earlier complaint's id, never the household's pseudonym). Open while it has no CLOSED step
-- or was reopened after its last one; days: from receipt to its last close, or, while open, to the
-- latest complaint step in the lake. No row: no such complaint in the lake (or in its scope).
-- Parameters: $1 = complaint id.
with steps as (
  select
    min(occurred_at) filter (where event_type = 'ESCALATED' or severity = 'MAJOR') as major_at,
    arg_min(intent, occurred_at) filter (where intent is not null) as intent,
    max(occurred_at) filter (where event_type = 'CLOSED') as last_closed_at,
    max(occurred_at) filter (where event_type = 'REOPENED') as last_reopened_at
  from stg_complaint_events
  where complaint_id = $1
)
select
  c.complaint_id, c.project_id, p.name_zh as project_name, p.city, c.channel,
  c.category, t.category_zh, t.category_en, c.sub_category, t.sub_category_zh, t.sub_category_en,
  c.root_cause, rc.name_zh as root_cause_zh, rc.name_en as root_cause_en,
  c.building_component, bc.name_zh as component_zh, bc.name_en as component_en,
  c.responsible_department, d.name_zh as department_zh, d.name_en as department_en,
  c.is_major, s.major_at, s.intent, c.received_at, c.accepted_at, c.first_resolved_at, s.last_closed_at,
  c.explicit_reopen_count as reopens,
  case when s.last_closed_at is null or s.last_reopened_at > s.last_closed_at then 'open' else 'closed' end as status,
  round(date_diff('minute', c.received_at,
    case when s.last_closed_at is null or s.last_reopened_at > s.last_closed_at then (select max(occurred_at) from stg_complaint_events)
         else s.last_closed_at end) / 1440.0, 1) as days,
  coalesce(r.is_repeat, false) as is_repeat,
  r.previous_complaint_id
from fct_complaints c
cross join steps s
left join ref_projects p using (project_id)
left join ref_complaint_taxonomy t on t.category = c.category and t.sub_category = c.sub_category
left join ref_root_causes rc on rc.root_cause = c.root_cause
left join ref_building_components bc on bc.component_id = c.building_component
left join ref_departments d on d.department_id = c.responsible_department
left join fct_repeat_complaints r using (complaint_id)
where c.complaint_id = $1
