-- Grain: one row per peer or manager review of a staff member for a month (360-degree input).
-- Sources: reference/staff_reviews.csv (company input).
-- Question: what peers and managers scored, to weigh beside the customers' answers.
-- Test: not_null(month, staff_id, reviewer_role, score)
-- Test: accepted_values(reviewer_role: peer, manager)
-- Test: check(score between 0 and 100)
-- Exclude: relationship(staff_id -> ref_staff.staff_id)
select * from read_csv('{{ reference('staff_reviews.csv') }}', header = true, columns = {
  'month': 'varchar', 'staff_id': 'varchar', 'reviewer_role': 'varchar', 'reviewer_id': 'varchar', 'score': 'double', 'comment': 'varchar'})
