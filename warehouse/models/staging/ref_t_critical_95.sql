-- Depends: none
-- Grain: one row per degrees of freedom.
-- Sources: commons-math3 (StudentT, created by each build): two-sided quantiles of Student's t at
--          the confidence of confidence_z in reference/metric_settings.csv (1.96: 95%), to 3 decimals.
-- Question: the t multiplier of an interval for a mean or a difference of means; a metric uses the
--           row of the largest df not above its own (conservative, as with a printed table).
-- Test: unique(df)
-- Test: check(t > 0)
select df, t from student_t_quantiles
