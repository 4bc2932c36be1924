-- The SLA board: open complaints with a warning or a broken deadline, broken first, then by the
-- next deadline (mart open_complaints). Parameters: $1 = the reader's projects or null for all.
select o.complaint_id, o.project_id, o.category, o.responsible_department, o.severity, o.received_at, o.last_step,
  o.next_deadline, o.next_deadline_rule, array_to_string(o.warning_rules, ', ') as warning_rules,
  array_to_string(o.breached_rules, ', ') as breached_rules
from open_complaints o
where (len(o.warning_rules) > 0 or len(o.breached_rules) > 0)
  and (cast($1 as varchar) is null or list_contains(string_split($1, ','), o.project_id))
order by len(o.breached_rules) > 0 desc, o.next_deadline nulls last, o.complaint_id
