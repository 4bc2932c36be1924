-- Complaints by category this quarter and the previous one (metric complaints_by_category_quarterly).
-- Parameters: $1 = quarter, $2 = previous quarter.
select
  category,
  any_value(category_zh) as category_zh,
  any_value(category_en) as category_en,
  coalesce(sum(complaints) filter (where quarter = $1), 0) as current_complaints,
  coalesce(sum(complaints) filter (where quarter = $2), 0) as previous_complaints
from complaints_by_category_quarterly
where quarter in ($1, $2)
group by category
order by current_complaints desc, category
