-- Refresh: append
-- Depends: none
-- Grain: one row per service interaction (来电、来访登记表).
-- Sources: lake table service_interactions.
-- Question: every contact, typed, with its local date.
-- Test: unique(interaction_id)
-- Test: not_null(interaction_id, occurred_at, channel, kind, project_id)
-- Test: check(rings_before_answer is null or rings_before_answer >= 0)
select
  event_id as interaction_id,
  occurred_at,
  cast(occurred_at as date) as occurred_on,
  channel,
  kind,
  project_id,
  building,
  unit,
  room_pseudonym,
  household_id,
  staff_id,
  rings_before_answer,
  promised_reply_at,
  promise_kept,
  complaint_id,
  summary,
  responded_at
from {{ source('service_interactions') }}
