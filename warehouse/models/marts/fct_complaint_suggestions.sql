-- Refresh: by complaint_id
-- Depends: stg_complaint_text, fct_complaints
-- Grain: one row per complaint whose own classification is missing or "other" and whose text
--        suggests one.
-- Sources: fct_complaints (the complaint's classification: the latest non-null value of each field),
--          stg_complaint_text (the suggestion from its words).
-- Question: which complaints are filed without a usable cause, and what do their words say they are
-- about? The quality manager confirms or corrects; the suggestion never replaces the record.
--   needs_review_because = 'category_missing' (no category), 'category_other' (category other),
--                          'component_missing' (a product complaint with no component or 'none')
--   suggested_*          = the dictionary classifier's suggestion, with its confidence and the
--                          words that voted for it (suggestion_evidence); listed only when it adds
--                          something: a building component, or a category other than the record's
-- Test: unique(complaint_id)
-- Test: accepted_values(needs_review_because: category_missing, category_other, component_missing)
-- Test: check(suggestion_confidence between 0.4 and 1)
select
  c.complaint_id, c.project_id, c.received_at, c.received_quarter as quarter,
  c.category, c.sub_category, c.building_component,
  case
    when c.category is null then 'category_missing'
    when c.category = 'other' then 'category_other'
    else 'component_missing'
  end as needs_review_because,
  t.description, t.suggested_component, t.suggested_problem_type, t.suggested_category, t.suggested_sub_category,
  t.suggestion_confidence, t.suggestion_evidence
from fct_complaints c
join stg_complaint_text t using (complaint_id)
where t.suggested_component is not null
  and (t.suggested_component <> 'none' or t.suggested_category is distinct from c.category)
  and (c.category is null or c.category = 'other'
    or (c.category = 'product' and coalesce(c.building_component, 'none') = 'none'))
