-- Lake table complaint_text, written by the complaint lifecycle job's text analysis (streaming-jobs, lake/complaint_text.avsc).
-- Grain: one row per complaint with a description, by the time of the event read (dt = local date).
-- This declaration is the table's shape when the lake holds no file of it yet.
create table complaint_text (
  complaint_id varchar,
  event_id varchar,
  project_id varchar,
  occurred_at timestamp,
  week_start varchar,
  description varchar,
  terms varchar[],
  negative_tone boolean,
  tone_score double,
  tone_words varchar[],
  suggested_component varchar,
  suggested_problem_type varchar,
  suggested_category varchar,
  suggested_sub_category varchar,
  suggestion_confidence double,
  suggestion_evidence varchar[],
  landed_at timestamp,
  dt date
)
