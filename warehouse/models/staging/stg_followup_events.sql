-- Refresh: append
-- Depends: none
-- Grain: one row per change a quality manager made to a follow-up (assigned, commented, called the
-- customer back, closed).
-- Sources: lake table followup_events (the drill-down publishes each change to Kafka; the lake job's
--          door writes it here).
-- Question: what was done to each follow-up, by whom and when: its history, and so its state at any
-- --as-of moment (the rows landed by then).
-- The door validated every row against followup-event.v1 (an assignment names its assignee, a closing
-- its outcome); an event sent again after the door's de-duplication window is excluded here.
-- Exclude: unique(event_id) keep landed_at asc
-- Test: not_null(event_id, occurred_at, followup_id, action, actor)
-- Test: accepted_values(action: ASSIGNED, COMMENTED, CALLED_BACK, CLOSED)
select event_id, occurred_at, followup_id, project_id, action, actor, assignee, outcome, comment, landed_at
from {{ source('followup_events') }}
