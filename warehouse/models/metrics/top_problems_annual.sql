-- Depends: top_problems_quarterly
-- Metric: top problems (主要问题) of a calendar year (or the year to date) as a Pareto: complaints by
-- sub-category, largest first, with each one's share, the running share, and the change on the same
-- quarters of the year before.
-- Grain: one row per year, category and sub-category with complaints that year (company-wide).
-- Sources: top_problems_quarterly (complaints per quarter and sub-category, named).
-- Definitions:
--   complaints          = complaints received in the year's quarters with that sub-category (as in
--                         top_problems_quarterly, 'unclassified' where not yet classified)
--   through_quarter     = the year's last quarter with complaints
--   share, cumulative_share = as in top_problems_quarterly, over the year's complaints
--   base_complaints     = the same sub-category's complaints in the year before, in the quarters up to
--                         the same quarter number as through_quarter (0 if none)
--   change              = complaints - base_complaints
-- Test: unique(year, category, sub_category)
-- Test: check(cumulative_share between share - 0.0001 and 1.0001)
with quarters as (
  select left(quarter, 4) as year, quarter, category, category_zh, sub_category, sub_category_zh, sub_category_en, complaints
  from top_problems_quarterly
),
years as (
  select year, max(quarter) as through_quarter from quarters group by year
),
counts as (
  select q.year, y.through_quarter, q.category, any_value(q.category_zh) as category_zh, q.sub_category,
    any_value(q.sub_category_zh) as sub_category_zh, any_value(q.sub_category_en) as sub_category_en,
    sum(q.complaints) as complaints
  from quarters q
  join years y using (year)
  group by all
),
base as (
  select c.year, c.category, c.sub_category, sum(q.complaints) as complaints
  from counts c
  join quarters q on q.category = c.category and q.sub_category = c.sub_category
   and q.year = cast(cast(c.year as integer) - 1 as varchar) and right(q.quarter, 1) <= right(c.through_quarter, 1)
  group by all
),
ranked as (
  select c.*,
    c.complaints / sum(c.complaints) over (partition by c.year) as share,
    row_number() over (partition by c.year order by c.complaints desc, c.sub_category) as rank
  from counts c
)
select
  r.year, r.through_quarter, r.rank, r.category, r.category_zh, r.sub_category, r.sub_category_zh, r.sub_category_en,
  r.complaints,
  round(r.share, 4) as share,
  round(sum(r.share) over (partition by r.year order by r.rank), 4) as cumulative_share,
  coalesce(b.complaints, 0) as base_complaints,
  r.complaints - coalesce(b.complaints, 0) as change
from ranked r
left join base b on b.year = r.year and b.category = r.category and b.sub_category = r.sub_category
