-- Refresh: append
-- Depends: none
-- Grain: one row per survey answer with a comment.
-- Sources: lake table survey_comment_tone (the lake job reads each comment's tone at the door).
-- Question: which comments read negative, to read them first?
--   negative_tone = tone_score >= 3: negative minus positive weight of the words of the company's
--                   text_tone_lexicon.csv (a negator touching a positive word turns it negative, an
--                   intensifier multiplies); misses irony and negation at a distance. A reading
--                   filter, never a score of staff.
-- Test: unique(survey_id)
-- Test: not_null(survey_id, occurred_at, comment)
select survey_id, project_id, complaint_id, occurred_at, comment, negative_tone, tone_score, tone_words
from {{ source('survey_comment_tone') }}
