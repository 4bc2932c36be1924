-- The drill-through of one staff member's month: each part of the score with its weight and
-- points, computed inside the reader's scope (staff_scope.sql). Parameters: $1 = month,
-- $2 = the reader's projects or null, $3 = staff id.
with {{staff_scope}}
select source, part, answers, mean_points, effective_weight, contribution_points
from contributions
where staff_id = $3
order by contribution_points desc
