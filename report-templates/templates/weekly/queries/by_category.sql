-- Complaints received in the week by category and sub-category, with the week before.
-- Parameters as summary.sql.
select c.category, t.category_zh, t.category_en, c.sub_category, coalesce(t.sub_category_zh, '未细分') as sub_category_zh,
  coalesce(t.sub_category_en, 'not sub-classified') as sub_category_en,
  count(*) filter (where c.received_at >= $1 and c.received_at < $2) as received,
  count(*) filter (where c.received_at >= $3 and c.received_at < $1) as received_previous
from fct_complaint_drill c
left join ref_complaint_taxonomy t on t.category = c.category and t.sub_category = c.sub_category
where c.received_at >= $3 and c.received_at < $2 and (cast($4 as varchar) is null or c.service_office = $4)
group by all
having count(*) filter (where c.received_at >= $1 and c.received_at < $2) > 0
order by received desc, c.category, c.sub_category
