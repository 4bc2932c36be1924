-- The home page's warnings and breaches in the reader's scope ($2: projects, comma-separated, or
-- null for all): those raised today ($1, the company's date; stg_sla_events), and the open
-- complaints now warned (a warning, no deadline broken) or past a deadline (open_complaints): a
-- breach raised, or a next deadline before now ($3, the company's local time) that the
-- lifecycle's event time has not reached yet (sla_board.sql).
with scoped_events as (
  select alert_type from stg_sla_events
  where cast(alert_at as date) = cast($1 as date)
    and (cast($2 as varchar) is null or list_contains(string_split($2, ','), project_id))
),
scoped_open as (
  select warning_rules,
    len(breached_rules) > 0 or coalesce(next_deadline < cast($3 as timestamp), false) as past_deadline
  from open_complaints
  where cast($2 as varchar) is null or list_contains(string_split($2, ','), project_id)
)
select
  (select count(*) from scoped_events where alert_type = 'WARNING') as warnings_today,
  (select count(*) from scoped_events where alert_type = 'BREACH') as breaches_today,
  (select count(*) from scoped_open where len(warning_rules) > 0 and not past_deadline) as open_warned,
  (select count(*) from scoped_open where past_deadline) as open_breached
