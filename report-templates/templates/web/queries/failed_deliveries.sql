-- Notifications the notifier gave up on (FAILED after its retries, or a route to a channel that is not
-- configured) or could not confirm (UNCONFIRMED: it stopped in the middle of the send), from its delivery
-- records (JSON lines, lake/notify_deliveries): the latest state of each (alert, route).
-- read_json's first argument is the list of record files (filled in by the server); $1 = the reader's projects or null.
with records as (
  select *, row_number() over (partition by alert_id, route_id
    order by recorded_at desc, case status when 'QUEUED' then 0 when 'SENDING' then 1 else 2 end desc) as latest
  from read_json({{ deliveries }}, format = 'newline_delimited', ignore_errors = true,
    columns = {alert_id: 'varchar', route_id: 'varchar', channel: 'varchar', status: 'varchar', alert_type: 'varchar',
               alert_at: 'timestamp', project_id: 'varchar', complaint_id: 'varchar', digest: 'integer', attempts: 'integer',
               answer: 'varchar', recorded_at: 'timestamp'})
)
select recorded_at, status, channel, route_id, alert_type, complaint_id, project_id, alert_at, attempts, answer, alert_id
from records
where latest = 1 and status in ('FAILED', 'UNCONFIRMED')
  and (cast($1 as varchar) is null or list_contains(string_split($1, ','), project_id))
order by recorded_at desc
