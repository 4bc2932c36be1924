-- What the warehouse left out of its models and why (table excluded_rows, written by the build for
-- each "-- Exclude:" declaration: rows that break an invariant of a model, e.g. a second copy of an
-- SLA alert from a re-sent step, or a code a company file refers to that another file lacks), and
-- the codes still unknown (fct_unknown_codes: flagged at the door, shown as 未知/unknown, not
-- excluded; a code since added to the reference file is shown by name). Over the whole lake as
-- read: an exclusion is a state of the data, not of a period. Examples: up to five keys or values of the rows left out, and for
-- unknown codes up to five of the codes (from the door's message; a sub-category as
-- sub-category/category), so the reader knows what to add to the reference file; "…" when there
-- are more. Then the copies sent again under a landed event id with other content
-- (fct_conflicting_resends: duplicates, the correction not applied), with up to five event ids.
select 'excluded' as what, model, kind, test, reason, count(*) as rows,
  array_to_string(list_slice(list(distinct coalesce(value, row_key) order by coalesce(value, row_key)), 1, 5), ', ')
    || case when count(distinct coalesce(value, row_key)) > 5 then ', …' else '' end as examples
from excluded_rows
group by model, kind, test, reason
union all
select 'flagged', 'stg_complaint_events', flag_code, flag_code, null, count(*),
  array_to_string(list_slice(list(distinct nullif(code, '') order by nullif(code, '')), 1, 5), ', ')
    || case when count(distinct nullif(code, '')) > 5 then ', …' else '' end
from fct_unknown_codes
group by flag_code
union all
select 'flagged', 'stg_' || lower(stream), 'CONFLICTING_RESEND', 'CONFLICTING_RESEND', null, count(*),
  array_to_string(list_slice(list(distinct event_id order by event_id), 1, 5), ', ')
    || case when count(distinct event_id) > 5 then ', …' else '' end
from fct_conflicting_resends
group by stream
order by what, model, kind, test
