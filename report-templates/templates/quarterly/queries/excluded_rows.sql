-- What the warehouse left out of its models and why (table excluded_rows, written by the build for
-- each "-- Exclude:" declaration: rows that break an invariant of a model, e.g. a second copy of an
-- SLA alert from a re-sent step, or a code a company file refers to that another file lacks), and
-- the codes flagged unknown at the door (stg_record_flags UNKNOWN_*: shown as 未知/unknown, not
-- excluded; an event counts once, also when it was sent again and each copy was flagged at the door
-- before the second was counted a duplicate; only codes still unknown: one since added to the
-- reference file is shown by name, its step's <column>_as_sent null). Over the whole lake as read: an exclusion is a state
-- of the data, not of a period. Examples: up to five keys or values of the rows left out, and for
-- unknown codes up to five of the codes (from the door's message; a sub-category as
-- sub-category/category), so the reader knows what to add to the reference file; "…" when there
-- are more.
with unknown as (
  select f.event_id, f.flag_code,
    replace(regexp_extract(f.message,
      '^event [^:]*: (?:building component|category|sub-category|root cause|department) (.*) is not in ', 1),
      ' of ', '/') as code
  from stg_record_flags f
  join stg_complaint_events e using (event_id)
  where f.flag_code in ('UNKNOWN_COMPONENT', 'UNKNOWN_CATEGORY', 'UNKNOWN_ROOT_CAUSE', 'UNKNOWN_DEPARTMENT')
    and case f.flag_code
      when 'UNKNOWN_COMPONENT' then e.building_component_as_sent
      when 'UNKNOWN_CATEGORY' then coalesce(e.category_as_sent, e.sub_category_as_sent)
      when 'UNKNOWN_ROOT_CAUSE' then e.root_cause_as_sent
      when 'UNKNOWN_DEPARTMENT' then e.responsible_department_as_sent
    end is not null
)
select 'excluded' as what, model, kind, test, reason, count(*) as rows,
  array_to_string(list_slice(list(distinct coalesce(value, row_key) order by coalesce(value, row_key)), 1, 5), ', ')
    || case when count(distinct coalesce(value, row_key)) > 5 then ', …' else '' end as examples
from excluded_rows
group by model, kind, test, reason
union all
select 'flagged', 'stg_complaint_events', flag_code, flag_code, null, count(distinct event_id),
  array_to_string(list_slice(list(distinct nullif(code, '') order by nullif(code, '')), 1, 5), ', ')
    || case when count(distinct nullif(code, '')) > 5 then ', …' else '' end
from unknown
group by flag_code
order by what, model, kind, test
