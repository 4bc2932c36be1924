-- Depends: ref_complaint_taxonomy, fct_complaints
-- Metric: complaints received per category (投诉分类), per quarter.
-- Grain: one row per quarter and category.
-- Sources: fct_complaints, ref_complaint_taxonomy (category names in Chinese and English).
-- Definitions:
--   complaints = complaints whose first RECEIVED event falls in the quarter, by their latest
--                classification; not yet classified complaints count under 'unclassified'.
with categories as (
  select distinct category, category_zh, category_en from ref_complaint_taxonomy
)

select
  c.received_quarter as quarter,
  coalesce(c.category, 'unclassified') as category,
  coalesce(t.category_zh, '未分类') as category_zh,
  coalesce(t.category_en, 'Unclassified') as category_en,
  count(*) as complaints
from fct_complaints c
left join categories t on t.category = c.category
group by all
