-- Refresh: by event_id
-- Depends: stg_record_flags, stg_complaint_events
-- Grain: one row per complaint step and flag of a code the company's reference files lack
--        (UNKNOWN_COMPONENT, UNKNOWN_CATEGORY, UNKNOWN_ROOT_CAUSE, UNKNOWN_DEPARTMENT), while the
--        code is still unknown: the step's <column>_as_sent is set. A code added to the reference
--        file since the door flagged it is shown by name and has no row; a step sent twice (each
--        copy flagged at the door) has one.
-- Sources: stg_record_flags (the door's message names the code), stg_complaint_events.
-- Question: which codes must the company add to its reference files, and on which steps?
--   code = the code as sent, taken from the door's message; a sub-category as
--          sub-category/category
-- Test: unique(event_id, flag_code)
-- Test: not_null(event_id, flag_code, project_id)
select distinct f.event_id, f.flag_code, e.project_id,
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
