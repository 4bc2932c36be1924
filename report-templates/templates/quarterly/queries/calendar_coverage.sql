-- Years of the report period in which the lake has complaint steps, SLA deadlines or contacts but
-- which the working calendar does not list (model calendar_coverage): their working time counts
-- Monday to Friday without holidays and make-up days. The report warns about each.
-- Parameters: $1, $2 = first and last year of the period.
select year, last_covered_year
from calendar_coverage
where not covered and year between $1 and $2
order by year
