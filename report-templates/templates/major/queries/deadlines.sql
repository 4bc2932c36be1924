-- Each deadline of the complaint and how it came out. An ended cycle's clocks are final
-- (stg_complaint_sla: MET, MISSED, NOT_DUE). A cycle still open has no final clocks yet: its rules are
-- read from the alerts raised so far (stg_sla_events): BREACHED once a breach was raised, MET when
-- it was met, else WARNING; a rule without any alert in an open cycle is not listed.
-- Parameters: $1 = complaint id.
with ended as (
  select cycle, rule_id, started_at, deadline, stopped_at, outcome, elapsed_hours, limit_hours, extended
  from stg_complaint_sla
  where complaint_id = $1
),
running as (
  select cycle, rule_id, min(started_at) as started_at, max(deadline) as deadline,
    max(alert_at) filter (where alert_type = 'MET') as stopped_at,
    case when bool_or(alert_type = 'BREACH') then 'BREACHED' when bool_or(alert_type = 'MET') then 'MET' else 'WARNING' end as outcome,
    max(elapsed_hours) as elapsed_hours, max(limit_hours) as limit_hours, null::boolean as extended
  from stg_sla_events
  where complaint_id = $1 and alert_type in ('WARNING', 'BREACH', 'MET') and rule_id is not null
    and cycle not in (select cycle from ended)
  group by cycle, rule_id
)
select d.*, r.name_zh, r.name_en
from (select * from ended union all by name select * from running) d
left join ref_sla_rules r using (rule_id)
order by d.cycle, d.started_at, d.rule_id
