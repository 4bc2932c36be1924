-- Years in which the lake has complaint steps, SLA deadlines or contacts but which the working
-- calendar does not list (model calendar_coverage): the home panel warns about them. The years are
-- the company's calendar, not any project's data, so every reader sees the warning.
select year, last_covered_year
from calendar_coverage
where not covered
order by year
