-- Refresh: by complaint_id
-- Depends: ref_projects, stg_complaint_events, stg_complaint_sla, stg_complaint_text,
-- Depends: fct_complaints, open_complaints
-- Grain: one row per complaint, with every attribute the quality managers' drill-down filters
--        and drills by.
-- Sources: fct_complaints, stg_complaint_events (severity, building, the first channel),
--          stg_complaint_sla (clocks missed), open_complaints (open now), ref_projects,
--          stg_complaint_text (tone and the suggested component of the complaint's words).
-- Question: for any path category -> sub-category -> root cause -> responsible department ->
-- project -> building, which complaints are there, and did any of their deadlines break?
--   sla_missed = clocks of the complaint that were missed (MISSED outcome of an ended cycle)
--   breached   = sla_missed > 0, or an open complaint whose latest snapshot has a breached rule
--   negative_tone       = the text's tone lexicon says negative (false when there is no text)
--   suggested_component = the component the text's words suggest (null: none suggested)
-- Test: unique(complaint_id)
-- Test: same_rows(fct_complaints)
-- Test: not_null(complaint_id, project_id, quarter)
with attributes as (
  select complaint_id,
    arg_max(severity, occurred_at) filter (where severity is not null) as severity,
    arg_max(building, occurred_at) filter (where building is not null) as building
  from stg_complaint_events
  group by complaint_id
),
missed as (
  select complaint_id, count(*) filter (where outcome = 'MISSED') as sla_missed
  from stg_complaint_sla
  group by complaint_id
),
open_breaches as (
  select complaint_id, len(breached_rules) > 0 as breached_now from open_complaints
)
select
  c.complaint_id, c.project_id, p.name_zh as project_name, p.service_office, c.channel, coalesce(a.severity, 'NORMAL') as severity,
  c.category, c.sub_category, c.root_cause, c.responsible_department, a.building,
  c.is_major, c.received_at, c.received_quarter as quarter, c.closed_at,
  coalesce(m.sla_missed, 0) as sla_missed,
  coalesce(m.sla_missed, 0) > 0 or coalesce(o.breached_now, false) as breached,
  coalesce(x.negative_tone, false) as negative_tone, x.suggested_component
from fct_complaints c
left join attributes a using (complaint_id)
left join missed m using (complaint_id)
left join open_breaches o using (complaint_id)
left join ref_projects p using (project_id)
left join stg_complaint_text x using (complaint_id)
