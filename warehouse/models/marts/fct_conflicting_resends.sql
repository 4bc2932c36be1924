-- Depends: stg_record_flags, stg_complaint_events, stg_service_interactions, stg_survey_attempts, stg_followup_events
-- Grain: one row per copy of an event sent again under the event id of a record that had landed,
--        with other content (flag CONFLICTING_RESEND, raised by the lake job's de-duplication): a
--        row corrected in a form and imported again under its old 事件编号. The copy is a
--        duplicate (stg_duplicates): the first copy stays, the correction is not applied. The
--        project is that of the copy that landed; a flag whose landed copy is not in this
--        warehouse (another scope's project) has no row, so a reader sees only the ids of the
--        projects in scope.
--        Only within validation.dedup-retention (P30D): after it, a copy under an old id lands as a
--        second row (and the staging models' exclusions keep the copy that landed last).
-- Sources: stg_record_flags; the staging table of the event's stream, for its project.
-- Question: which corrections were not applied and must be sent again under an event id of their
--   own?
-- Test: unique(src_topic, src_partition, src_offset)
-- Test: not_null(event_id, stream, src_topic, message)
with flagged as (
  select event_id, stream, src_topic, src_partition, src_offset, message, flagged_at
  from stg_record_flags
  where flag_code = 'CONFLICTING_RESEND'
),
projects as (
  select 'COMPLAINT_EVENTS' as stream, event_id, any_value(project_id) as project_id
  from stg_complaint_events
  where event_id in (select event_id from flagged)
  group by event_id
  union all
  select 'SERVICE_INTERACTIONS', interaction_id, project_id
  from stg_service_interactions
  where interaction_id in (select event_id from flagged)
  union all
  select 'CALLBACK_SURVEYS', survey_id, project_id
  from stg_survey_attempts
  where survey_id in (select event_id from flagged)
  union all
  select 'FOLLOWUP_EVENTS', event_id, any_value(project_id)
  from stg_followup_events
  where event_id in (select event_id from flagged)
  group by event_id
)
select f.event_id, f.stream, f.src_topic, f.src_partition, f.src_offset, p.project_id,
  f.message, f.flagged_at
from flagged f
join projects p using (stream, event_id)
