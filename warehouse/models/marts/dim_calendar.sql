-- Depends: ref_working_calendar
-- Grain: one row per calendar day from 2020-01-01 to 2035-12-31.
-- Sources: ref_working_calendar.
-- Question: whether a day is a working day (Monday-Friday unless a holiday; a weekend day only when
-- it is a make-up working day, 调休), and a running count of working days, so that "N working
-- days after" is a lookup: the day whose working_day_number is N more.
-- Test: unique(day)
-- Test: not_null(day, is_working_day, working_day_number)
with days as (
  select cast(d as date) as day from range(date '2020-01-01', date '2036-01-01', interval 1 day) t(d)
)
select
  days.day,
  case
    when c.day_type = 'HOLIDAY' then false
    when c.day_type = 'MAKEUP_WORKDAY' then true
    else isodow(days.day) <= 5
  end as is_working_day,
  sum(case
    when c.day_type = 'HOLIDAY' then 0
    when c.day_type = 'MAKEUP_WORKDAY' then 1
    when isodow(days.day) <= 5 then 1 else 0 end) over (order by days.day) as working_day_number
from days
left join ref_working_calendar c on c.date = days.day
