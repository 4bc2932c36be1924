-- The drill-through of one staff member's month: each part of the score with its weight and
-- points (staff_score_contributions). Parameters: $1 = staff id, $2 = month.
select source, part, answers, mean_points, effective_weight, contribution_points
from staff_score_contributions
where staff_id = $1 and month = $2
order by contribution_points desc
