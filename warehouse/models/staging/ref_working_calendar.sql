-- Depends: none
-- Grain: one row per exception day of the working calendar (holiday or make-up working day, 调休).
-- Sources: reference/working_calendar.csv.
-- Question: which weekdays are not worked and which weekend days are.
-- Test: unique(date)
-- Test: accepted_values(day_type: HOLIDAY, MAKEUP_WORKDAY)
select * from read_csv('{{ reference('working_calendar.csv') }}', header = true, columns = {
  'date': 'date', 'day_type': 'varchar', 'name_zh': 'varchar'})
