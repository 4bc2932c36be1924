-- The KPI scorecard quarter by quarter through the year (metric kpi_quarterly), for the annual
-- report's table of KPIs by quarter.
-- Parameters: $1 = year (e.g. '2026').
select kpi_id, name_zh, name_en, unit, direction, target, quarter, value
from kpi_quarterly
where left(quarter, 4) = $1
order by quarter
