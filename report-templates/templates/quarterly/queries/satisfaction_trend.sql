-- Monthly satisfaction trend, whole company (metric satisfaction_monthly).
-- Parameters: $1 = first month, $2 = last month (YYYY-MM, inclusive).
select month, responses, satisfaction_index, top2box_rate
from satisfaction_monthly
where month between $1 and $2
order by month
