-- KPI tiles of the quarterly report: each KPI this quarter, the previous quarter and the same
-- quarter last year, with its target (metric kpi_quarterly) and whether each change is
-- significant (metric kpi_change_quarterly: significant true/false, or null with sample_note
-- 'insufficient_sample').
-- Every KPI of ref_kpi_targets has a tile: one without a value this quarter (a project in scope
-- with no answer yet) shows as no data rather than vanishing.
-- Parameters: $1 = quarter, $2 = previous quarter, $3 = same quarter last year (e.g. 2026Q3).
select
  t.kpi_id,
  t.name_zh,
  t.name_en,
  t.unit,
  t.direction,
  t.target,
  k.value,
  k.meets_target,
  p.value as previous_value,
  y.value as last_year_value,
  cp.significant as previous_significant,
  cp.sample_note as previous_sample_note,
  cy.significant as last_year_significant,
  cy.sample_note as last_year_sample_note
from ref_kpi_targets t
left join kpi_quarterly k on k.kpi_id = t.kpi_id and k.quarter = $1
left join kpi_quarterly p on p.kpi_id = t.kpi_id and p.quarter = $2
left join kpi_quarterly y on y.kpi_id = t.kpi_id and y.quarter = $3
left join kpi_change_quarterly cp on cp.measure = t.kpi_id and cp.quarter = $1 and cp.comparison = 'previous_quarter'
left join kpi_change_quarterly cy on cy.measure = t.kpi_id and cy.quarter = $1 and cy.comparison = 'same_quarter_last_year'
order by case t.kpi_id
  when 'satisfaction_index' then 1
  when 'top2box_rate' then 2
  when 'accepted_within_24h' then 3
  else 4 end, t.kpi_id
