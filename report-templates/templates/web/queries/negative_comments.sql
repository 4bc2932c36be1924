-- Survey comments that read negative (staging stg_survey_comment_tone), newest first: what to read
-- first, not a score of anyone. Parameters: $1 = the reader's projects (comma-separated) or null for all.
select c.survey_id, c.occurred_at, c.project_id, c.complaint_id, s.score_overall, c.comment, c.tone_words
from stg_survey_comment_tone c
left join stg_callback_surveys s using (survey_id)
where c.negative_tone
  and (cast($1 as varchar) is null or list_contains(string_split($1, ','), c.project_id))
order by c.occurred_at desc, c.survey_id
limit 200
