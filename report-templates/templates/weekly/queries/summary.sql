-- The week's figures for one service office (or all): complaints received, closed, major ones,
-- deadlines missed in the week, complaints still open at its end; and received the week before.
-- Parameters: $1 = week start, $2 = week end (exclusive), $3 = previous week start, $4 = service
-- office or null for all.
with c as (
  select * from fct_complaint_drill where cast($4 as varchar) is null or service_office = $4
)
select
  count(*) filter (where received_at >= $1 and received_at < $2) as received,
  count(*) filter (where received_at >= $3 and received_at < $1) as received_previous,
  count(*) filter (where closed_at >= $1 and closed_at < $2) as closed,
  count(*) filter (where is_major and received_at >= $1 and received_at < $2) as major,
  count(*) filter (where received_at < $2 and (closed_at is null or closed_at >= $2)) as open_at_end,
  (select count(*) from stg_complaint_sla s join c using (complaint_id)
    where s.outcome = 'MISSED' and s.deadline >= $1 and s.deadline < $2) as deadlines_missed
from c
