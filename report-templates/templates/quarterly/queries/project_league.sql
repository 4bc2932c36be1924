-- Project league table for one quarter: satisfaction, complaints per 1,000 households and 24-hour
-- acceptance per project, best satisfaction first; each project's percentile rank among the company's
-- projects and its standing against the industry's 85.6 (metric project_benchmarks_quarterly).
-- Parameters: $1 = quarter.
select
  p.project_id,
  p.name_zh,
  p.city,
  s.responses,
  s.satisfaction_index,
  s.top2box_rate,
  c.complaints,
  c.complaints_per_1000_households,
  a.accepted_within_24h_rate,
  b.percentile_rank,
  b.ci_low,
  b.ci_high,
  b.versus_industry,
  b.sample_note
from ref_projects p
left join satisfaction_quarterly s
  on s.scope = 'project' and s.project_id = p.project_id and s.quarter = $1
left join complaints_per_1000_households_quarterly c
  on c.scope = 'project' and c.project_id = p.project_id and c.quarter = $1
left join complaint_acceptance_quarterly a
  on a.scope = 'project' and a.project_id = p.project_id and a.quarter = $1
left join project_benchmarks_quarterly b
  on b.project_id = p.project_id and b.quarter = $1
order by s.satisfaction_index desc nulls last, p.project_id
