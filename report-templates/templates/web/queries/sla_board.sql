-- The SLA board: open complaints with a warning or a broken deadline, broken first, then by the
-- next deadline (mart open_complaints). Parameters: $1 = the reader's projects or null for all;
-- $2 = now, the company's local time. past_deadline_now: the next deadline has passed by the clock
-- although the lifecycle raised no breach yet: its clocks run in event time, which for imported
-- history stops at the newest event imported (a weekly import says nothing until the next one).
-- early_warning / risk_reasons: the early warning of a complaint that may become major (mart
-- fct_complaint_risk, 002 §3.7.4): the flag now and the codes of the signals present (the page shows
-- their labels risk.<code>); escalation_words names the words found.
select o.complaint_id, o.project_id, o.category, o.responsible_department, o.severity, o.received_at, o.last_step,
  o.next_deadline, o.next_deadline_rule, array_to_string(o.warning_rules, ', ') as warning_rules,
  array_to_string(o.breached_rules, ', ') as breached_rules,
  coalesce(o.next_deadline < cast($2 as timestamp), false) as past_deadline_now,
  coalesce(r.is_flagged_now, false) as early_warning,
  array_to_string(coalesce(r.risk_reasons, []), ', ') as risk_reasons,
  array_to_string(coalesce(r.escalation_words_found, []), ', ') as escalation_words
from open_complaints o
left join fct_complaint_risk r using (complaint_id)
where (len(o.warning_rules) > 0 or len(o.breached_rules) > 0 or o.next_deadline < cast($2 as timestamp))
  and (cast($1 as varchar) is null or list_contains(string_split($1, ','), o.project_id))
order by len(o.breached_rules) > 0 or coalesce(o.next_deadline < cast($2 as timestamp), false) desc, coalesce(r.is_flagged_now, false) desc, o.next_deadline nulls last, o.complaint_id
