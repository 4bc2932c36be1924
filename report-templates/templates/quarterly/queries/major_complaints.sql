-- Major complaints (重大投诉) received in the report period, or still open from before, with where
-- they stand (mart fct_complaints).
-- Parameters: $1, $2 = first and last quarter of the period (the same quarter for a quarterly report).
select c.complaint_id, c.project_id, p.name_zh as project_name, c.category, c.sub_category, t.sub_category_zh, t.sub_category_en,
  c.responsible_department, d.name_zh as department_zh, d.name_en as department_en, c.received_at, c.closed_at,
  case when c.closed_at is null then 'open' else 'closed' end as status,
  round(date_diff('hour', c.received_at, coalesce(c.closed_at, (select max(received_at) from fct_complaints))) / 24.0, 1) as days
from fct_complaints c
left join ref_projects p using (project_id)
left join ref_departments d on d.department_id = c.responsible_department
left join ref_complaint_taxonomy t on t.category = c.category and t.sub_category = c.sub_category
where c.is_major
  and (c.received_quarter between $1 and $2 or (c.closed_at is null and c.received_quarter < $1))
order by c.received_at
