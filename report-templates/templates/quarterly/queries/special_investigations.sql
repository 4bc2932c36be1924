-- Special investigations (专项调查, 002 §3.7.5.9) opened in the report period: a dissatisfied item
-- that clustered or rose significantly in a project's month (metric dissatisfied_items_monthly).
-- Parameters: $1, $2 = first and last quarter of the period.
select d.month, d.project_id, p.name_zh as project_name, d.item, d.mentions, d.surveys, d.share, d.baseline_share, d.rise_z,
  d.investigation_reason
from dissatisfied_items_monthly d
left join ref_projects p using (project_id)
where d.opens_investigation and d.quarter between $1 and $2
order by d.month, d.mentions desc, d.project_id, d.item
limit 20
