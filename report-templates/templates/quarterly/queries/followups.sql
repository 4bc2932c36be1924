-- Follow-ups (跟进) of the report period, company-wide, from the metrics followup_rate_callback_quarterly
-- (002 §3.7.5.7, target 100%), followups_on_time_quarterly (by kind, and all kinds) and
-- seriously_dissatisfied_callbacks_quarterly (002 §3.7.5.9, all of them). Over several quarters the
-- counts are summed. A measure with nothing to count has total 0 and no rate.
-- Parameters: $1, $2 = first and last quarter of the period (the same quarter for a quarterly report).
select 'callback_followup_rate' as measure, 'all' as kind, coalesce(sum(followed_up), 0) as done, coalesce(sum(feedback), 0) as total,
  round(sum(followed_up) / nullif(sum(feedback), 0), 4) as rate,
  (select value from ref_metric_settings where setting = 'followup_rate_target') as target, 0 as ord
from followup_rate_callback_quarterly
where scope = 'company' and quarter between $1 and $2
union all
select 'closed_on_time', kind, sum(closed_on_time), sum(due), round(sum(closed_on_time) / sum(due), 4), null,
  case kind when 'all' then 1 when 'breach' then 2 when 'escalation' then 3 when 'emerging_issue' then 4 else 5 end
from followups_on_time_quarterly
where scope = 'company' and quarter between $1 and $2
group by kind
union all
select 'seriously_dissatisfied_called_back', 'all', coalesce(sum(called_back), 0), coalesce(sum(seriously_dissatisfied), 0),
  round(sum(called_back) / nullif(sum(seriously_dissatisfied), 0), 4), 1.0::double, 9
from seriously_dissatisfied_callbacks_quarterly
where scope = 'company' and quarter between $1 and $2
order by ord
