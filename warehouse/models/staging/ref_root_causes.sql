-- Grain: one row per root cause of the complaint taxonomy.
-- Sources: reference/root_causes.csv.
-- Question: what each root cause is called and whether it is a lesson for the next project's
-- design review (design, workmanship, materials).
-- Test: unique(root_cause)
-- Test: not_null(root_cause, name_zh, is_lesson)
select * from read_csv('{{ reference('root_causes.csv') }}', header = true, columns = {
  'root_cause': 'varchar', 'name_zh': 'varchar', 'name_en': 'varchar', 'is_lesson': 'boolean'})
