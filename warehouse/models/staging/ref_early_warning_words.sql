-- Depends: none
-- Grain: one row per word that warns of a complaint that may become major (002 §3.7.4).
-- Sources: reference/early_warning_words.csv (company input, shipped with a starter list).
-- Question: which words about media, lawyers, authorities or group action in a complaint's scrubbed
-- text raise its early warning (fct_complaint_risk, signal escalation_words).
-- Test: unique(word)
-- Test: not_null(word, kind)
-- Test: accepted_values(kind: media, lawyer, authority, group_action)
select trim(word) as word, trim(kind) as kind
from read_csv('{{ reference('early_warning_words.csv') }}', header = true, columns = {'word': 'varchar', 'kind': 'varchar'})
where trim(coalesce(word, '')) <> ''
