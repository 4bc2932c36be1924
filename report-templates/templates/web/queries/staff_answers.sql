-- The customer answers behind one staff member's month (fct_staff_customer_answers).
-- Parameters: $1 = staff id, $2 = month.
select survey_id, occurred_at, complaint_id, cycle, response_speed_points, completeness_points, professionalism_points,
  attitude_points, satisfaction_points
from fct_staff_customer_answers
where staff_id = $1 and month = $2
order by occurred_at
