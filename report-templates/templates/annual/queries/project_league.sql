-- Project league table for the year: satisfaction, complaints per 1,000 households (the average
-- quarter) and 24-hour acceptance per project (metric kpi_annual, project rows), best satisfaction
-- first. Same columns as quarterly/queries/project_league.sql.
-- Parameters: $1 = year (e.g. '2026').
with k as (
  select * from kpi_annual where year = $1 and scope = 'project'
)
select
  p.project_id,
  p.name_zh,
  p.city,
  cast(s.n as bigint) as responses,
  s.value as satisfaction_index,
  t.value as top2box_rate,
  cast(c.x as bigint) as complaints,
  c.value as complaints_per_1000_households,
  a.value as accepted_within_24h_rate
from ref_projects p
left join k s on s.project_id = p.project_id and s.kpi_id = 'satisfaction_index'
left join k t on t.project_id = p.project_id and t.kpi_id = 'top2box_rate'
left join k c on c.project_id = p.project_id and c.kpi_id = 'complaints_per_1000_households'
left join k a on a.project_id = p.project_id and a.kpi_id = 'accepted_within_24h'
order by s.value desc nulls last, p.project_id
