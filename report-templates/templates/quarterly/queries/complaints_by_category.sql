-- Complaints by category in the report period and the period it is compared with (metric
-- complaints_by_category_quarterly, summed over the period's quarters).
-- Parameters: $1, $2 = first and last quarter of the period (the same quarter for a quarterly
-- report); $3, $4 = first and last quarter of the comparison period.
select
  category,
  any_value(category_zh) as category_zh,
  any_value(category_en) as category_en,
  coalesce(sum(complaints) filter (where quarter between $1 and $2), 0) as current_complaints,
  coalesce(sum(complaints) filter (where quarter between $3 and $4), 0) as previous_complaints
from complaints_by_category_quarterly
where quarter between $1 and $2 or quarter between $3 and $4
group by category
order by current_complaints desc, category
