-- Depends: ref_staff
-- Grain: one row per peer or manager review, or self-assessment, of a staff member for a month
-- (360-degree input; self-assessment 000 §5.4.2, where the company provides it).
-- Sources: reference/staff_reviews.csv (company input).
-- Question: what peers, managers and the staff member themself scored, to weigh beside the
-- customers' answers. A self-assessment (reviewer_role self) is the staff member's own: one whose
-- reviewer_id names someone else is taken out (and counted in the report's excluded rows).
-- Test: not_null(month, staff_id, reviewer_role, score)
-- Test: accepted_values(reviewer_role: peer, manager, self)
-- Test: check(score between 0 and 100)
-- Exclude: relationship(staff_id -> ref_staff.staff_id)
-- Exclude: check(reviewer_role <> 'self' or reviewer_id is null or reviewer_id = staff_id)
select * from read_csv('{{ reference('staff_reviews.csv') }}', header = true, columns = {
  'month': 'varchar', 'staff_id': 'varchar', 'reviewer_role': 'varchar', 'reviewer_id': 'varchar', 'score': 'double', 'comment': 'varchar'})
