-- Lake table callback_surveys, written by the lake job (streaming-jobs, lake/callback_surveys.avsc).
-- Grain: one row per survey sent (answered, or recorded as not answered). Partitioned by dt = local event date.
-- This declaration is the table's shape when the lake holds no file of it yet.
create table callback_surveys (
  event_id varchar, schema_version integer, occurred_at timestamp, survey_type varchar, channel varchar,
  project_id varchar, building varchar, unit varchar, room varchar, room_pseudonym varchar, household_id varchar, staff_id varchar,
  complaint_id varchar, score_response_speed integer, score_completeness integer,
  score_professionalism integer, score_attitude integer, score_result integer, score_overall integer,
  nps integer, dissatisfied_items varchar[], comment varchar, response varchar, src_partition integer, src_offset bigint,
  landed_at timestamp,
  dt date
)
