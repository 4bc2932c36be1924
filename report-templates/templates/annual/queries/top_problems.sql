-- Top problems of the year as a Pareto, largest first (metric top_problems_annual): the "vital few"
-- up to 80% of complaints and at least the first five. Same columns as quarterly/queries/top_problems.sql.
-- Parameters: $1 = year (e.g. '2026').
select rank, category, category_zh, sub_category, sub_category_zh, sub_category_en, complaints, share, cumulative_share,
  base_complaints as previous_complaints, change
from top_problems_annual
where year = $1
  and (rank <= 5 or cumulative_share - share < 0.8)
order by rank
