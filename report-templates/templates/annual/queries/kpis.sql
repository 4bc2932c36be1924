-- KPI tiles of the annual report: each KPI over the year (or the year to date) against its target
-- (metric kpi_annual), beside the same quarters of the year before and whether the change is
-- significant (metric kpi_change_annual). Same columns as quarterly/queries/kpis.sql; the annual
-- report has one comparison, so the last_year_* columns are null.
-- Parameters: $1 = year (e.g. '2026').
select
  t.kpi_id,
  t.name_zh,
  t.name_en,
  t.unit,
  t.direction,
  t.target,
  k.value,
  k.meets_target,
  c.base_value as previous_value,
  cast(null as double) as last_year_value,
  c.significant as previous_significant,
  c.sample_note as previous_sample_note,
  cast(null as boolean) as last_year_significant,
  cast(null as varchar) as last_year_sample_note
from ref_kpi_targets t
left join kpi_annual k on k.kpi_id = t.kpi_id and k.year = $1 and k.scope = 'company'
left join kpi_change_annual c on c.year = k.year and c.scope = k.scope and c.measure = k.kpi_id
order by case t.kpi_id
  when 'satisfaction_index' then 1
  when 'top2box_rate' then 2
  when 'accepted_within_24h' then 3
  else 4 end, t.kpi_id
