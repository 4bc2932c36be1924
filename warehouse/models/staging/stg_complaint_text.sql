-- Refresh: append
-- Depends: none
-- Grain: one row per complaint with a description.
-- Sources: lake table complaint_text (the text analysis of the complaint lifecycle job).
-- Question: what each complaint's words say: its counted terms, whether its tone is negative, and
-- the classification they suggest (beside the complaint's own, never over it).
--   terms                 = distinct terms of the scrubbed description (HanLP segmenter with the
--                           company's text_dictionary.csv, stop words of text_stopwords.csv removed)
--   negative_tone         = tone_score >= 3: negative minus positive weight of text_tone_lexicon.csv's
--                           words; a reading filter, not a score of staff
--   suggestion_confidence = the winning component's dictionary votes / (all votes + 1); none under 0.4
-- Test: unique(complaint_id)
-- Test: not_null(complaint_id, week_start, terms)
select complaint_id, event_id, project_id, occurred_at, cast(week_start as date) as week_start, description, terms,
  negative_tone, tone_score, tone_words, suggested_component, suggested_problem_type, suggested_category,
  suggested_sub_category, suggestion_confidence, suggestion_evidence
from {{ source('complaint_text') }}
