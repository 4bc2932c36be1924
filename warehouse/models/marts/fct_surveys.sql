-- Refresh: by survey_id
-- Depends: ref_projects, ref_tenure_bands, stg_callback_surveys
-- Grain: one row per answered survey.
-- Sources: stg_callback_surveys, ref_projects (delivery_date), ref_tenure_bands.
-- Question: each answer with its period, its overall score on the 0-100 satisfaction scale
-- (1-5 mapped linearly: 1 -> 0, 2 -> 25, 3 -> 50, 4 -> 75, 5 -> 100) and the owner's tenure:
--   months_since_delivery = whole months from the project's delivery date to the survey date
--                           (negative before delivery); null when the project is unknown
--   tenure_band           = the band of ref_tenure_bands holding those months
-- Test: unique(survey_id)
-- Test: same_rows(stg_callback_surveys)
-- Test: check(overall_points between 0 and 100)
-- Test: check(months_since_delivery is null or tenure_band is not null)
with surveys as (
  select
    s.*,
    strftime(s.occurred_at, '%Y') || 'Q' || quarter(s.occurred_at) as survey_quarter,
    strftime(s.occurred_at, '%Y-%m') as survey_month,
    (s.score_overall - 1) * 25.0 as overall_points,
    s.score_overall >= 4 as is_top2box,
    (year(s.occurred_on) * 12 + month(s.occurred_on)) - (year(p.delivery_date) * 12 + month(p.delivery_date))
      - case when day(s.occurred_on) < day(p.delivery_date) then 1 else 0 end as months_since_delivery
  from stg_callback_surveys s
  left join ref_projects p using (project_id)
)
select s.*, b.band as tenure_band
from surveys s
left join ref_tenure_bands b on s.months_since_delivery >= b.from_months and s.months_since_delivery < b.to_months
