-- What was done to one follow-up ($1), in order (stg_followup_events; the comments scrubbed at the door).
select occurred_at, action, actor, assignee, outcome, comment
from stg_followup_events
where followup_id = $1
order by occurred_at, landed_at, event_id
