-- Depends: ref_complaint_taxonomy, fct_complaints
-- Metric: top problems (主要问题) as a Pareto, per quarter: complaints by sub-category, largest
-- first, with each one's share, the running share, and the change on the previous quarter.
-- Grain: one row per quarter, category and sub-category with complaints that quarter (company-wide).
-- Sources: fct_complaints (by quarter received), ref_complaint_taxonomy (names).
-- Definitions:
--   complaints          = complaints received in the quarter with that sub-category (a complaint
--                         not yet classified counts as sub_category 'unclassified' of its
--                         category, or of category 'unclassified')
--   share               = complaints / all complaints received in the quarter
--   cumulative_share    = running sum of share, largest sub-category first (ties by name):
--                         the "vital few" are the rows up to about 0.8
--   previous_complaints = the same sub-category's complaints in the previous quarter (0 if none)
--   change              = complaints - previous_complaints
-- Test: unique(quarter, category, sub_category)
-- Test: check(cumulative_share between share - 0.0001 and 1.0001)
with counts as (
  select received_quarter as quarter,
    cast(left(received_quarter, 4) as integer) * 4 + cast(right(received_quarter, 1) as integer) as quarter_index,
    coalesce(category, 'unclassified') as category, coalesce(sub_category, 'unclassified') as sub_category,
    count(*) as complaints
  from fct_complaints
  group by all
),
ranked as (
  select c.*,
    c.complaints / sum(c.complaints) over (partition by c.quarter) as share,
    row_number() over (partition by c.quarter order by c.complaints desc, c.sub_category) as rank
  from counts c
)
select
  r.quarter, r.rank, r.category, n.category_zh, r.sub_category,
  coalesce(t.sub_category_zh, n.category_zh || '（未细分）', '未分类') as sub_category_zh,
  coalesce(t.sub_category_en, n.category_en || ' (not sub-classified)', 'unclassified') as sub_category_en,
  r.complaints,
  round(r.share, 4) as share,
  round(sum(r.share) over (partition by r.quarter order by r.rank), 4) as cumulative_share,
  coalesce(p.complaints, 0) as previous_complaints,
  r.complaints - coalesce(p.complaints, 0) as change
from ranked r
left join counts p on p.sub_category = r.sub_category and p.category = r.category and p.quarter_index = r.quarter_index - 1
left join ref_complaint_taxonomy t on t.category = r.category and t.sub_category = r.sub_category
left join (select distinct category, category_zh, category_en from ref_complaint_taxonomy) n on n.category = r.category
