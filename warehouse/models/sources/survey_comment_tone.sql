-- Lake table survey_comment_tone, written by the lake job (streaming-jobs, lake/survey_comment_tone.avsc).
-- Grain: one row per survey answer with a comment, by the survey's local date (dt).
-- This declaration is the table's shape when the lake holds no file of it yet.
create table survey_comment_tone (
  survey_id varchar,
  project_id varchar,
  complaint_id varchar,
  occurred_at timestamp,
  comment varchar,
  negative_tone boolean,
  tone_score double,
  tone_words varchar[],
  landed_at timestamp,
  dt date
)
