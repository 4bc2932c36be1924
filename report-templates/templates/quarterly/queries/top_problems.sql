-- Top problems of the quarter as a Pareto, largest first (metric top_problems_quarterly): the
-- "vital few" up to 80% of complaints and at least the first five.
-- Parameters: $1 = quarter.
select rank, category, category_zh, sub_category, sub_category_zh, sub_category_en, complaints, share, cumulative_share,
  previous_complaints, change
from top_problems_quarterly
where quarter = $1
  and (rank <= 5 or cumulative_share - share < 0.8)
order by rank
