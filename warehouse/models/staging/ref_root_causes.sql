-- Depends: none
-- Grain: one row per root cause of the complaint taxonomy.
-- Unknown codes: flagged at the door and shown as the member 'unknown' (未知), added here.
-- Sources: reference/root_causes.csv.
-- Question: what each root cause is called and whether it is a lesson for the next project's
-- design review (design, workmanship, materials).
-- Test: unique(root_cause)
-- Test: not_null(root_cause, name_zh, is_lesson)
with company as (
  select * from read_csv('{{ reference('root_causes.csv') }}', header = true, columns = {
    'root_cause': 'varchar', 'name_zh': 'varchar', 'name_en': 'varchar', 'is_lesson': 'boolean'})
)
select * from company
union all
select 'unknown', '未知', 'Unknown', false
where not exists (select 1 from company where root_cause = 'unknown')
