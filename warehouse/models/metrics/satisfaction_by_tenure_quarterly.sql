-- Depends: ref_tenure_bands, fct_surveys
-- Metric: satisfaction index and top-2-box rate by owner tenure (按入住时长), per quarter, company-wide.
-- Grain: one row per quarter and tenure band with answers.
-- Sources: fct_surveys (tenure_band from the project's delivery date), ref_tenure_bands.
-- Definitions: as satisfaction_quarterly (index = mean of (score_overall - 1) / 4 * 100; top-2-box =
--   4-5 over all answers), split by the band of months from delivery to the survey date
--   (bands: reference/tenure_bands.csv; default 准业主 < 0, 磨合期 0-11, 第二年 12-23, 稳定期 24+).
--   Any household-level fact with tenure_band (fct_surveys) can be split the same way.
-- Test: check(satisfaction_index between 0 and 100)
-- Test: relationship(tenure_band -> ref_tenure_bands.band)
select
  f.survey_quarter as quarter,
  f.tenure_band,
  b.name_zh as tenure_band_zh,
  b.sort_order,
  count(*) as responses,
  round(avg(f.overall_points), 1) as satisfaction_index,
  round(avg(case when f.is_top2box then 1.0 else 0.0 end), 4) as top2box_rate
from fct_surveys f
join ref_tenure_bands b on b.band = f.tenure_band
group by all
