-- Refresh: by project_id
-- Depends: ref_early_warning_words, ref_metric_settings, stg_complaint_events, stg_complaint_text,
-- Depends: stg_sla_events, fct_complaints, fct_repeat_complaints
-- Grain: one row per complaint (客户投诉单).
-- Sources: fct_complaints, fct_repeat_complaints, stg_complaint_events, stg_complaint_text, stg_sla_events,
--   ref_early_warning_words, ref_metric_settings (early_warning_*).
-- Question: may the complaint become major (重大投诉)? The early warning of 002 §3.7.4, explainable:
-- six signals, each with the moment it became known (null: not known), so that the flag can be read
-- now (the SLA board) and at a cut-off (early_warning_quality).
--   venting            the complainant's intent is venting (发泄型, 002 篇1): first step with intent VENTING
--   repeat             a repeat household (fct_repeat_complaints.is_repeat): known at receipt
--   negative_tone      the complaint text's tone is negative (stg_complaint_text.negative_tone): at the text's step
--   deadline_broken    a deadline broke: the first SLA BREACH alert (stg_sla_events)
--   escalation_words   the scrubbed complaint text (stg_complaint_text.description) contains a word of
--                      early_warning_words.csv (media, lawyers, authorities, group action): at the text's step;
--                      escalation_words_found lists them
--   several_households at least early_warning_cluster_households households (its own included) complained
--                      in the same project on the same issue (same building component; with none known,
--                      'unknown' or 'none' (不涉及), the same category and sub-category) received at most early_warning_cluster_days
--                      days before or after it: known when the last needed household's complaint arrived
--                      (never before the complaint itself)
-- The rule (settings, never literals): flagged when at least early_warning_min_signals signals are present,
-- or one signal whose early_warning_strong_<signal> is 1 (as shipped: escalation_words).
--   *_now columns: every signal known by the build (the SLA board of open complaints).
--   became_major_at: the first step with severity MAJOR or an ESCALATED step (null: never major).
--   cutoff_at: the moment the flag is judged, the same for every complaint: received_at + early_warning_observe_days
--     days, or became_major_at when it became major before that. A warning counts only when it came before the
--     complaint became major, and within the same time after receipt whether it became major or not (a complaint
--     escalated on day 6 is judged on what was known on day 3; one major from its intake on its intake: the text,
--     intent and household history on that form). *_at_cutoff columns count the signals known at or before cutoff_at.
--   is_settled: its outcome is known, so early_warning_quality may judge it: it became major, or it was closed.
-- risk_reasons: the codes of the signals present now, in the order above (labels risk.<code>).
-- Test: unique(complaint_id)
-- Test: same_rows(select complaint_id from fct_complaints)
-- The settings in force are columns too (min_signals, strong_signals, cluster_days, cluster_households,
-- observe_days): a metric_settings.csv without one of the rows fails the build here.
-- Test: not_null(complaint_id, received_at, cutoff_at, signals_now, signals_at_cutoff, is_flagged_now, is_flagged_at_cutoff)
-- Test: not_null(min_signals, strong_signals, cluster_days, cluster_households, observe_days)
-- Test: check(signals_now between 0 and 6 and signals_at_cutoff <= signals_now)
-- Test: check(is_major = (became_major_at is not null))
-- Test: check(cutoff_at <= received_at + to_days(observe_days) and (became_major_at is null or cutoff_at <= became_major_at))
with settings as (
  select
    cast(max(value) filter (where setting = 'early_warning_min_signals') as integer) as min_signals,
    max(value) filter (where setting = 'early_warning_strong_venting') = 1 as strong_venting,
    max(value) filter (where setting = 'early_warning_strong_repeat') = 1 as strong_repeat,
    max(value) filter (where setting = 'early_warning_strong_negative_tone') = 1 as strong_negative_tone,
    max(value) filter (where setting = 'early_warning_strong_deadline_broken') = 1 as strong_deadline_broken,
    max(value) filter (where setting = 'early_warning_strong_escalation_words') = 1 as strong_escalation_words,
    max(value) filter (where setting = 'early_warning_strong_several_households') = 1 as strong_several_households,
    cast(max(value) filter (where setting = 'early_warning_cluster_days') as integer) as cluster_days,
    cast(max(value) filter (where setting = 'early_warning_cluster_households') as integer) as cluster_households,
    cast(max(value) filter (where setting = 'early_warning_observe_days') as integer) as observe_days
  from ref_metric_settings
),

complaints as (
  select complaint_id, project_id, household_id, received_at, coalesce(is_major, false) as is_major, closed_at,
    case when building_component is not null and building_component not in ('unknown', 'none') then 'component:' || building_component
      when category is not null then 'category:' || category || '/' || coalesce(sub_category, '') end as issue
  from fct_complaints
),

steps as (
  select complaint_id,
    min(occurred_at) filter (where upper(intent) = 'VENTING') as venting_at,
    min(occurred_at) filter (where event_type = 'ESCALATED' or severity = 'MAJOR') as became_major_at
  from stg_complaint_events
  group by complaint_id
),

texts as (
  select t.complaint_id,
    case when t.negative_tone then t.occurred_at end as negative_tone_at,
    case when count(w.word) > 0 then t.occurred_at end as escalation_words_at,
    list(w.word order by w.word) filter (where w.word is not null) as escalation_words_found
  from stg_complaint_text t
  left join ref_early_warning_words w on contains(t.description, w.word)
  group by t.complaint_id, t.occurred_at, t.negative_tone
),

breaches as (
  select complaint_id, min(alert_at) as deadline_broken_at from stg_sla_events where alert_type = 'BREACH' group by complaint_id
),

neighbours as (
  -- each other household's first complaint on the same issue in the same project within the window
  select c.complaint_id, o.household_id, min(o.received_at) as first_at
  from complaints c
  cross join settings s
  join complaints o on o.project_id = c.project_id and o.issue = c.issue and o.household_id is not null
    and o.household_id is distinct from c.household_id
    and o.received_at between c.received_at - to_days(s.cluster_days) and c.received_at + to_days(s.cluster_days)
  group by c.complaint_id, o.household_id
),

clusters as (
  -- known when the (cluster_households - 1)-th other household had complained
  select n.complaint_id, max(n.first_at) as needed_at
  from (select *, row_number() over (partition by complaint_id order by first_at, household_id) as k from neighbours) n
  cross join settings s
  where n.k <= s.cluster_households - 1
  group by n.complaint_id
  having count(*) = max(s.cluster_households) - 1
),

known as (
  select
    c.complaint_id, c.project_id, c.household_id, c.received_at, c.is_major, st.became_major_at,
    c.is_major or c.closed_at is not null as is_settled,
    c.received_at + to_days(s.observe_days) as observe_until,
    st.venting_at,
    case when r.is_repeat then c.received_at end as repeat_at,
    tx.negative_tone_at,
    b.deadline_broken_at,
    tx.escalation_words_at,
    coalesce(tx.escalation_words_found, []) as escalation_words_found,
    case when cl.needed_at is not null then greatest(cl.needed_at, c.received_at) end as several_households_at
  from complaints c
  cross join settings s
  left join steps st using (complaint_id)
  left join fct_repeat_complaints r using (complaint_id)
  left join texts tx using (complaint_id)
  left join breaches b using (complaint_id)
  left join clusters cl using (complaint_id)
),

judged as (
  select *, least(coalesce(became_major_at, observe_until), observe_until) as cutoff_at from known
),

signals as (
  select j.*,
    list_value(
      {'code': 'venting', 'at': venting_at, 'strong': s.strong_venting},
      {'code': 'repeat', 'at': repeat_at, 'strong': s.strong_repeat},
      {'code': 'negative_tone', 'at': negative_tone_at, 'strong': s.strong_negative_tone},
      {'code': 'deadline_broken', 'at': deadline_broken_at, 'strong': s.strong_deadline_broken},
      {'code': 'escalation_words', 'at': escalation_words_at, 'strong': s.strong_escalation_words},
      {'code': 'several_households', 'at': several_households_at, 'strong': s.strong_several_households}
    ) as all_signals,
    s.min_signals, s.cluster_days, s.cluster_households, s.observe_days,
    case when s.strong_venting is not null and s.strong_repeat is not null and s.strong_negative_tone is not null
      and s.strong_deadline_broken is not null and s.strong_escalation_words is not null and s.strong_several_households is not null
      then list_transform(list_filter(list_value(
        {'code': 'venting', 'strong': s.strong_venting}, {'code': 'repeat', 'strong': s.strong_repeat},
        {'code': 'negative_tone', 'strong': s.strong_negative_tone}, {'code': 'deadline_broken', 'strong': s.strong_deadline_broken},
        {'code': 'escalation_words', 'strong': s.strong_escalation_words},
        {'code': 'several_households', 'strong': s.strong_several_households}), lambda x: x.strong), lambda x: x.code)
    end as strong_signals
  from judged j cross join settings s
),

read as (
  select *,
    list_filter(all_signals, lambda x: x.at is not null) as present_now,
    list_filter(all_signals, lambda x: x.at <= cutoff_at) as present_at_cutoff,
    list_filter(all_signals, lambda x: x.at <= cutoff_at and x.code <> 'escalation_words') as present_at_cutoff_without_words
  from signals
)

select
  complaint_id, project_id, household_id, received_at, is_major, became_major_at, cutoff_at, is_settled,
  venting_at, repeat_at, negative_tone_at, deadline_broken_at, escalation_words_at, escalation_words_found, several_households_at,
  len(present_now) as signals_now,
  len(present_now) >= min_signals or list_bool_or(list_transform(present_now, lambda x: x.strong)) is true as is_flagged_now,
  list_transform(present_now, lambda x: x.code) as risk_reasons,
  len(present_at_cutoff) as signals_at_cutoff,
  len(present_at_cutoff) >= min_signals or list_bool_or(list_transform(present_at_cutoff, lambda x: x.strong)) is true as is_flagged_at_cutoff,
  list_transform(present_at_cutoff, lambda x: x.code) as reasons_at_cutoff,
  len(present_at_cutoff_without_words) >= min_signals
    or list_bool_or(list_transform(present_at_cutoff_without_words, lambda x: x.strong)) is true as is_flagged_at_cutoff_without_words,
  min_signals, strong_signals, cluster_days, cluster_households, observe_days
from read
