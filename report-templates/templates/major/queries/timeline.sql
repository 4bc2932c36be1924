-- Every step of the complaint in time order (stg_complaint_events): who took it (staff id), on which
-- channel, and the scrubbed text (description, or the reason of a pause, extension or reopen).
-- Parameters: $1 = complaint id.
select occurred_at, event_type, staff_id, channel, coalesce(description, reason) as text, customer_signed_off
from stg_complaint_events
where complaint_id = $1
order by occurred_at, event_id
