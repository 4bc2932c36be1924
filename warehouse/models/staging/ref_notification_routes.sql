-- Depends: none
-- Grain: one row per notification route, in file order.
-- Sources: reference/notification_routes.csv (company input; format in the reference README; the
--          notifier of module notify reads the same file).
-- Question: who the company sends each kind of alert to, and so who owns the follow-up an alert opens
-- (fct_followups: the recipients of the first route, in file order, that the alert takes).
-- Test: unique(route_id)
-- Test: not_null(route_id, route_order)
select
  trim(route_id) as route_id,
  ordinality as route_order, -- the line's place in the file (row_number() over () follows no order)
  list_filter(list_transform(string_split(coalesce(alert_types, ''), '|'), lambda x: trim(x)), lambda x: x <> '') as alert_types,
  list_filter(list_transform(string_split(coalesce(severities, ''), '|'), lambda x: trim(x)), lambda x: x <> '') as severities,
  list_filter(list_transform(string_split(coalesce(projects, ''), '|'), lambda x: trim(x)), lambda x: x <> '') as projects,
  list_filter(list_transform(string_split(coalesce(departments, ''), '|'), lambda x: trim(x)), lambda x: x <> '') as departments,
  trim(channel) as channel,
  trim(recipients) as recipients,
  trim(delivery) as delivery,
  coalesce(lower(trim(unrouted_only)) = 'true', false) as unrouted_only
from read_csv('{{ reference('notification_routes.csv') }}', header = true, columns = {
  'route_id': 'varchar', 'alert_types': 'varchar', 'severities': 'varchar', 'projects': 'varchar', 'departments': 'varchar',
  'channel': 'varchar', 'recipients': 'varchar', 'delivery': 'varchar', 'unrouted_only': 'varchar'}, parallel = false) with ordinality
