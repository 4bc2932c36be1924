-- Grain: one row per degrees of freedom.
-- Sources: reference/t_critical_95.csv (two-sided 95% quantiles of Student's t).
-- Question: the t multiplier of a 95% interval for a difference of means.
-- Test: unique(df)
-- Test: check(t >= 1.959 and t < 13)
select * from read_csv('{{ reference('t_critical_95.csv') }}', header = true, columns = {'df': 'integer', 't': 'double'})
