-- Dissatisfied items (不满意项) of the report period (metric dissatisfied_items_monthly), by item
-- over all projects: surveys naming it, in how many projects, and how many special investigations
-- it opened; most mentioned first.
-- Parameters: $1, $2 = first and last quarter of the period.
select item, sum(mentions) as mentions, count(distinct project_id) as projects,
  count(*) filter (where opens_investigation) as investigations
from dissatisfied_items_monthly
where quarter between $1 and $2
group by item
order by mentions desc, item
