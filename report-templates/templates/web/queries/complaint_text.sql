-- What one complaint's words say (quality managers only): its counted terms, its tone, and the
-- classification they suggest beside what the record says. Parameters: $1 = complaint id, $2 = the
-- reader's projects (comma-separated) or null for all.
select t.terms, t.negative_tone, t.tone_score, t.tone_words, c.category as recorded_category,
  c.building_component as recorded_component, t.suggested_component, t.suggested_problem_type, t.suggested_category,
  t.suggested_sub_category, t.suggestion_confidence, t.suggestion_evidence
from stg_complaint_text t
left join fct_complaints c using (complaint_id)
where t.complaint_id = $1
  and (cast($2 as varchar) is null or list_contains(string_split($2, ','), t.project_id))
