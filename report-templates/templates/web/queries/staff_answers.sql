-- The customer answers behind one staff member's month, only those about complaints in the
-- reader's scope (staff_scope.sql). Parameters: $1 = month, $2 = the reader's projects or null,
-- $3 = staff id.
with {{staff_scope}}
select survey_id, occurred_at, complaint_id, project_id, cycle, response_speed_points, completeness_points, professionalism_points,
  attitude_points, satisfaction_points
from scoped_answers
where staff_id = $3
order by occurred_at
