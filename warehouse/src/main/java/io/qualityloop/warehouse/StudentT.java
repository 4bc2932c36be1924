package io.qualityloop.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The t multipliers of the metrics' intervals for a difference of means: two-sided quantiles of
 * Student's t from commons-math3 at the confidence of {@code confidence_z}, for the degrees of
 * freedom of a printed table (1-30, 40, 50, 60, 80, 100, 120, 200, 500, 1000, 100000). A metric
 * uses the row of the largest df not above its own (Welch-Satterthwaite) df: conservative, as with
 * a printed table. Each build creates them as the temporary table {@value #TABLE}, which the model
 * {@code ref_t_critical_95} keeps.
 */
final class StudentT {
  static final String TABLE = "student_t_quantiles";
  static final List<Integer> DEGREES_OF_FREEDOM = degreesOfFreedom();

  private StudentT() {}

  private static List<Integer> degreesOfFreedom() {
    List<Integer> df = new ArrayList<>(IntStream.rangeClosed(1, 30).boxed().toList());
    df.addAll(List.of(40, 50, 60, 80, 100, 120, 200, 500, 1000, 100_000));
    return List.copyOf(df);
  }

  /**
   * The two-sided confidence of {@code z}, 2 * Phi(z) - 1, to 0.1% (1.96 gives 95.0%, 2.576 99.0%).
   */
  static double confidence(double z) {
    return Math.round((2 * new NormalDistribution().cumulativeProbability(z) - 1) * 1000) / 1000.0;
  }

  /**
   * The two-sided quantile of t with {@code df} degrees of freedom at {@code confidence}, to 3
   * decimals as tables print it.
   */
  static double quantile(int df, double confidence) {
    double t = new TDistribution(df).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    return Math.round(t * 1000) / 1000.0;
  }

  /** SQL creating {@value #TABLE} (df integer, t double) for {@code z}. */
  static String createTable(double z) {
    double confidence = confidence(z);
    StringBuilder values = new StringBuilder();
    for (int df : DEGREES_OF_FREEDOM) {
      values
          .append(values.length() == 0 ? "" : ", ")
          .append('(')
          .append(df)
          .append(", ")
          .append(quantile(df, confidence))
          .append(')');
    }
    return "create temp table "
        + TABLE
        + " as select cast(df as integer) as df, cast(t as double) as t from (values "
        + values
        + ") v(df, t)";
  }
}
