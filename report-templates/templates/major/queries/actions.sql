-- What was done about the complaint (处理措施): the steps that act on it, in time order: escalation
-- to the general manager (002 §3.4.7), site survey, work orders (type A under warranty, B at the
-- company's cost, 002 §3.5.1; with the trades), the department's feedback, extensions agreed with
-- the customer, resolution and the result told to the customer (stg_complaint_events).
-- Parameters: $1 = complaint id.
select occurred_at, event_type, staff_id, responsible_department, work_order_type, trades,
  coalesce(description, reason) as text
from stg_complaint_events
where complaint_id = $1
  and event_type in ('ESCALATED', 'SITE_SURVEYED', 'WORK_ORDER_ISSUED', 'DEPARTMENT_FEEDBACK', 'EXTENDED', 'RESOLVED', 'CUSTOMER_NOTIFIED')
order by occurred_at, event_id
