-- Refresh: append
-- Depends: stg_duplicates, stg_quarantine
-- Grain: one row per Kafka record that reached the lake, by stream, partition and offset.
-- Sources: lake tables of the four streams (the follow-up events the drill-down publishes among them) (read directly: staging drops the Kafka position),
--          stg_quarantine and stg_duplicates.
-- Question: where did each input record end? Exactly one of: its table, quarantine, duplicates.
-- Reconciliation compares these positions with the offset ranges read from Kafka.
-- Test: unique(stream, src_partition, src_offset)
select 'SERVICE_INTERACTIONS' as stream, src_partition, src_offset, 'table' as destination from {{ source('service_interactions') }}
union all
select 'COMPLAINT_EVENTS', src_partition, src_offset, 'table' from {{ source('complaint_events') }}
union all
select 'CALLBACK_SURVEYS', src_partition, src_offset, 'table' from {{ source('callback_surveys') }}
union all
select 'FOLLOWUP_EVENTS', src_partition, src_offset, 'table' from {{ source('followup_events') }}
union all
select stream, src_partition, src_offset, 'quarantine' from stg_quarantine
union all
select stream, src_partition, src_offset, 'duplicates' from stg_duplicates
