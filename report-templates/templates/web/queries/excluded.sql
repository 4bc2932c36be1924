-- Rows the warehouse build excluded (table excluded_rows) by model and rule, with their count and
-- up to five example keys, for the reader's projects (rows with no project are the company's);
-- then the codes still unknown (fct_unknown_codes: flagged at the door, shown as 未知/unknown, not
-- excluded), one row per flag with its steps and up to five of the codes, for the reader's
-- projects; then the copies sent again under a landed event id with other content
-- (fct_conflicting_resends: duplicates, the correction not applied), with up to five event ids, for
-- the reader's projects.
-- The same figures as the quarterly report's section (quarterly/queries/excluded_rows.sql).
-- Parameters: $1 = the reader's projects or null for all.
select model, kind, test, reason, count(*) as rows,
  array_to_string(list_slice(list(distinct coalesce(value, row_key) order by coalesce(value, row_key)), 1, 5), ', ')
    || case when count(distinct coalesce(value, row_key)) > 5 then ', …' else '' end as examples
from excluded_rows
where cast($1 as varchar) is null or project_id is null or list_contains(string_split($1, ','), project_id)
group by model, kind, test, reason
union all
select 'stg_complaint_events', flag_code, flag_code, null, count(*),
  array_to_string(list_slice(list(distinct nullif(code, '') order by nullif(code, '')), 1, 5), ', ')
    || case when count(distinct nullif(code, '')) > 5 then ', …' else '' end
from fct_unknown_codes
where cast($1 as varchar) is null or list_contains(string_split($1, ','), project_id)
group by flag_code
union all
select 'stg_' || lower(stream), 'CONFLICTING_RESEND', 'CONFLICTING_RESEND', null, count(*),
  array_to_string(list_slice(list(distinct event_id order by event_id), 1, 5), ', ')
    || case when count(distinct event_id) > 5 then ', …' else '' end
from fct_conflicting_resends
where cast($1 as varchar) is null or list_contains(string_split($1, ','), project_id)
group by stream
order by model, test
