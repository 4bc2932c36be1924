-- Depends: ref_staff
-- Grain: one row per recorded prohibited behaviour (禁止行为) of a staff member.
-- Sources: reference/prohibited_behaviours.csv (company input, with the evidence's id).
-- Question: which months a confirmed prohibited behaviour forces to grade C (docs/domain.md "Staff assessment").
-- Test: not_null(occurred_on, staff_id, behaviour, confirmed)
-- Test: accepted_values(behaviour: leaking_customer_data, breaking_promises, arguing_with_customer, gossip, hiding_or_delaying_reports, shirking, wasting_property, falsifying_work, negligence, unsafe_work)
-- Exclude: relationship(staff_id -> ref_staff.staff_id)
select *, strftime(occurred_on, '%Y-%m') as month
from read_csv('{{ reference('prohibited_behaviours.csv') }}', header = true, columns = {
  'occurred_on': 'date', 'staff_id': 'varchar', 'behaviour': 'varchar', 'evidence_id': 'varchar', 'confirmed': 'boolean'})
