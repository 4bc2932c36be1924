-- The home page's KPI tiles: the company's KPIs against target (kpi_quarterly) for this quarter
-- ($1, e.g. 2026Q4), or for the latest quarter before it with values while this one has none yet.
with shown as (
  select coalesce(max(quarter) filter (where quarter = $1), max(quarter)) as quarter
  from kpi_quarterly
  where quarter <= $1
)
select k.quarter, k.kpi_id, k.name_zh, k.name_en, k.unit, k.direction, k.value, k.target, k.meets_target
from kpi_quarterly k
join shown using (quarter)
order by k.kpi_id
