-- Depends: ref_working_calendar, stg_complaint_events, stg_complaint_sla, stg_service_interactions
-- Grain: one row per calendar year in which the lake has a complaint step, an SLA deadline or a
--        service contact: the years whose working time the platform computes (SLA clocks on
--        working days, callbacks within a working day, first-contact resolution).
-- Sources: stg_complaint_events, stg_complaint_sla (deadline), stg_service_interactions,
--          ref_working_calendar (reference/working_calendar.csv).
-- Question: is every year the data needs in the working calendar? A year it does not list counts
--           Monday to Friday as working days, without its public holidays and make-up working
--           days (调休): its working-time figures are wrong until the year is added. Reports and
--           the drill-down warn about each year with covered = false.
-- Definitions:
--   covered            = the calendar lists at least one holiday or make-up day of the year
--   last_covered_year  = the calendar's latest year (null when it is empty)
-- Test: unique(year)
-- Test: not_null(year, covered)
with data_years as (
  select distinct year(occurred_at) as year from stg_complaint_events
  union
  select distinct year(deadline) from stg_complaint_sla where deadline is not null
  union
  select distinct year(occurred_at) from stg_service_interactions
),

calendar_years as (
  select distinct year(date) as year from ref_working_calendar
)

select
  d.year,
  c.year is not null as covered,
  (select max(year) from calendar_years) as last_covered_year
from data_years d
left join calendar_years c using (year)
order by d.year
