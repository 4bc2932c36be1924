-- One complaint's timeline (quality managers only): every step with who took it and the scrubbed
-- text, in time order. Parameters: $1 = complaint id, $2 = the reader's projects (comma-separated)
-- or null for all.
select e.occurred_at, e.event_type, e.staff_id, e.channel, e.description, e.reason, e.customer_signed_off
from stg_complaint_events e
where e.complaint_id = $1
  and (cast($2 as varchar) is null or list_contains(string_split($2, ','), e.project_id))
order by e.occurred_at, e.event_id
