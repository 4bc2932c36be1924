-- Rows the warehouse build excluded (table excluded_rows) by model and rule, with their count and
-- up to five example keys, for the reader's projects (rows with no project are the company's);
-- then the codes flagged unknown at the door (stg_record_flags UNKNOWN_*: shown as 未知/unknown,
-- not excluded), one row per flag with its events counted once and up to five of the codes as
-- sent (a sub-category as sub-category/category), for the flagged steps of the reader's projects
-- whose code is still unknown (a code since added to the reference file is shown by name: its
-- step's <column>_as_sent is null).
-- The same figures as the quarterly report's section (quarterly/queries/excluded_rows.sql).
-- Parameters: $1 = the reader's projects or null for all.
with unknown as (
  select f.event_id, f.flag_code,
    replace(regexp_extract(f.message,
      '^event [^:]*: (?:building component|category|sub-category|root cause|department) (.*) is not in ', 1),
      ' of ', '/') as code,
    e.project_id
  from stg_record_flags f
  left join stg_complaint_events e using (event_id)
  where f.flag_code in ('UNKNOWN_COMPONENT', 'UNKNOWN_CATEGORY', 'UNKNOWN_ROOT_CAUSE', 'UNKNOWN_DEPARTMENT')
    and case f.flag_code
      when 'UNKNOWN_COMPONENT' then e.building_component_as_sent
      when 'UNKNOWN_CATEGORY' then coalesce(e.category_as_sent, e.sub_category_as_sent)
      when 'UNKNOWN_ROOT_CAUSE' then e.root_cause_as_sent
      when 'UNKNOWN_DEPARTMENT' then e.responsible_department_as_sent
    end is not null
)
select model, kind, test, reason, count(*) as rows,
  array_to_string(list_slice(list(distinct coalesce(value, row_key) order by coalesce(value, row_key)), 1, 5), ', ')
    || case when count(distinct coalesce(value, row_key)) > 5 then ', …' else '' end as examples
from excluded_rows
where cast($1 as varchar) is null or project_id is null or list_contains(string_split($1, ','), project_id)
group by model, kind, test, reason
union all
select 'stg_complaint_events', flag_code, flag_code, null, count(distinct event_id),
  array_to_string(list_slice(list(distinct nullif(code, '') order by nullif(code, '')), 1, 5), ', ')
    || case when count(distinct nullif(code, '')) > 5 then ', …' else '' end
from unknown
where cast($1 as varchar) is null or list_contains(string_split($1, ','), project_id)
group by flag_code
order by model, test
