-- Depends: fct_first_contact
-- Metric: first-contact resolution (一次解决率), per quarter, by project and company.
-- Grain: one row per quarter (of the resolution) and project, plus one row per quarter for the
--        company (project_id null, scope 'company').
-- Sources: fct_first_contact (each resolved cycle judged: the window of fcr_window_working_days
--          working days, a further contact, a reopen; definitions there).
-- Definitions:
--   resolved        = complaint cycles resolved in the quarter
--   further contact = a service interaction about the same complaint, or from the same household,
--                     after the resolution and within the window
--   reopened        = a later cycle of the same complaint started within the window
--   first_contact_resolved = resolved with neither; fcr_rate = first_contact_resolved / resolved
-- Test: check(first_contact_resolved <= resolved and fcr_rate between 0 and 1)
select
  strftime(resolved_at, '%Y') || 'Q' || quarter(resolved_at) as quarter,
  case when grouping(project_id) = 1 then 'company' else 'project' end as scope,
  project_id,
  count(*) as resolved,
  count(*) filter (where further_contact) as with_further_contact,
  count(*) filter (where reopened) as reopened_within_window,
  count(*) filter (where not further_contact and not reopened) as first_contact_resolved,
  round(count(*) filter (where not further_contact and not reopened) / count(*), 4) as fcr_rate
from fct_first_contact
group by grouping sets ((1, project_id), (1))
