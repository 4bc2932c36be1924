-- Follow-ups (跟进, fct_followups) of the week by kind, for one service office (or all): opened in the week,
-- closed in the week (and of those on time), still open at its end, and of those past their due date.
-- Parameters: $1 = week start, $2 = week end (exclusive), $3 = service office or null for all.
with f as (
  select f.*
  from fct_followups f
  left join ref_projects p using (project_id)
  where cast($3 as varchar) is null or p.service_office = $3
)
select
  kind,
  count(*) filter (where opened_at >= $1 and opened_at < $2) as opened,
  count(*) filter (where closed_at >= $1 and closed_at < $2) as closed,
  count(*) filter (where closed_at >= $1 and closed_at < $2 and closed_on_time) as closed_on_time,
  count(*) filter (where opened_at < $2 and (closed_at is null or closed_at >= $2)) as open_at_end,
  count(*) filter (where opened_at < $2 and (closed_at is null or closed_at >= $2) and due_on < cast($2 as date)) as overdue_at_end
from f
group by kind
having opened + closed + open_at_end > 0
order by case kind when 'breach' then 1 when 'escalation' then 2 when 'emerging_issue' then 3 else 4 end
