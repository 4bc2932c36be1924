-- Rows the warehouse build excluded (table excluded_rows) by model and rule, with their count and
-- up to five example keys, for the reader's projects (rows with no project are the company's).
-- Parameters: $1 = the reader's projects or null for all.
select model, kind, test, reason, count(*) as rows,
  array_to_string(list_slice(list(distinct coalesce(value, row_key) order by coalesce(value, row_key)), 1, 5), ', ') as examples
from excluded_rows
where cast($1 as varchar) is null or project_id is null or list_contains(string_split($1, ','), project_id)
group by model, kind, test, reason
order by model, test
