-- Statistics of the metrics, in one place (DuckDB macros, created before any model is built and
-- kept in the warehouse file). Every metric that states an interval uses these; z is the
-- `confidence_z` of reference/metric_settings.csv (1.96: 95%), never a literal.
--
-- Wilson score interval of a share x / n:
--   (p + z^2/2n -+ z * sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), p = x / n
create or replace macro wilson_low(x, n, z) as
  (x / n + z * z / (2 * n) - z * sqrt(x / n * (1 - x / n) / n + z * z / (4 * n * n))) / (1 + z * z / n);
create or replace macro wilson_high(x, n, z) as
  (x / n + z * z / (2 * n) + z * sqrt(x / n * (1 - x / n) / n + z * z / (4 * n * n))) / (1 + z * z / n);

-- Newcombe's hybrid score interval of a difference of shares p1 - p2, from each share's Wilson
-- interval (l1, u1) and (l2, u2) (Newcombe 1998, method 10).
create or replace macro newcombe_low(p1, l1, u1, p2, l2, u2) as
  p1 - p2 - sqrt(power(p1 - l1, 2) + power(u2 - p2, 2));
create or replace macro newcombe_high(p1, l1, u1, p2, l2, u2) as
  p1 - p2 + sqrt(power(u1 - p1, 2) + power(p2 - l2, 2));

-- Poisson: the margin (half-width) of a difference of rates c1 / h1 - c2 / h2, counts c over
-- exposures h (complaints over households), normal approximation: z * sqrt(c1/h1^2 + c2/h2^2).
create or replace macro poisson_difference_margin(c1, h1, c2, h2, z) as
  z * sqrt(c1 / (h1 * h1) + c2 / (h2 * h2));

-- Welch: the standard error of a difference of means (sample variances v, sizes n; a missing
-- variance counts as 0) and its Welch-Satterthwaite degrees of freedom (n1 + n2 - 2 when they
-- cannot be computed).
create or replace macro welch_se(v1, n1, v2, n2) as
  sqrt(coalesce(v1, 0) / n1 + coalesce(v2, 0) / n2);
create or replace macro welch_df(v1, n1, v2, n2) as
  coalesce(power(v1 / n1 + v2 / n2, 2)
    / nullif(power(v1 / n1, 2) / nullif(n1 - 1, 0) + power(v2 / n2, 2) / nullif(n2 - 1, 0), 0), n1 + n2 - 2);
