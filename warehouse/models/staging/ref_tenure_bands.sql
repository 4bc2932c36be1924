-- Depends: none
-- Grain: one row per owner-tenure band.
-- Sources: reference/tenure_bands.csv.
-- Question: how months since delivery are grouped (准业主, 磨合期, ..., 稳定期), editable by the company.
-- Test: unique(band)
-- Test: check(from_months < to_months)
select
  band, name_zh, name_en,
  coalesce(from_months, -1000000) as from_months,
  coalesce(to_months, 1000000) as to_months,
  sort_order
from read_csv('{{ reference('tenure_bands.csv') }}', header = true, columns = {
  'band': 'varchar', 'name_zh': 'varchar', 'name_en': 'varchar', 'from_months': 'integer', 'to_months': 'integer', 'sort_order': 'integer'})
