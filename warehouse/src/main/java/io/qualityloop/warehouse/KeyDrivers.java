package io.qualityloop.warehouse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Which survey dimension drives overall satisfaction in a quarter: the overall score regressed on
 * the five dimension scores by ordinary least squares (Apache Commons Math), over the answers of
 * {@code fct_survey_dimension_answers} (whose header defines the analysis), combined with each
 * dimension's performance ({@code dimension_scores_quarterly}) into an importance-performance
 * matrix as GB/T 19038 does: importance at or above the mean and performance below it is "fix
 * first".
 *
 * <p>Dimensions move together (a customer happy with the result tends to be happy with the speed),
 * so each coefficient has a wide interval when answers are few: the interval is shown, and below
 * the minimum sample no analysis is made.
 */
public final class KeyDrivers {
  public static final List<String> DIMENSIONS =
      List.of("response_speed", "completeness", "professionalism", "attitude", "result");

  /** Answers per predictor a regression needs before it is read. */
  static final int ANSWERS_PER_DIMENSION = 10;

  /**
   * One dimension: importance (coefficient) with its 95% interval, performance (0-100) and
   * quadrant.
   */
  public record Driver(
      String dimension,
      double importance,
      double low,
      double high,
      double performance,
      Quadrant quadrant) {}

  /** The matrix's quadrants, by importance and performance against the means of the five. */
  public enum Quadrant {
    FIX_FIRST,
    KEEP_UP,
    LOW_PRIORITY,
    POSSIBLE_OVERKILL
  }

  /**
   * The analysis of a quarter.
   *
   * @param answers answers used (all six scores given)
   * @param minimum answers the analysis needs
   * @param rSquared share of the overall score's variance the five dimensions explain
   * @param drivers the five dimensions, most important first (empty when the sample is too small)
   * @param fixFirst the most important "fix first" dimension, or null
   */
  public record Analysis(
      String quarter,
      long answers,
      long minimum,
      double rSquared,
      List<Driver> drivers,
      Driver fixFirst) {
    public boolean sufficient() {
      return !drivers.isEmpty();
    }
  }

  private KeyDrivers() {}

  /**
   * The analysis of {@code quarter} (e.g. 2026Q3) over the warehouse's answers (its scope applies).
   */
  public static Analysis of(Warehouse warehouse, String quarter) {
    List<Map<String, Object>> rows =
        warehouse.query(
            "select score_response_speed, score_completeness, score_professionalism,"
                + " score_attitude, score_result, score_overall from fct_survey_dimension_answers"
                + " where quarter = ? order by survey_id",
            quarter);
    double minResponses =
        warehouse
            .query("select value from ref_metric_settings where setting = 'min_responses'")
            .stream()
            .map(r -> ((Number) r.get("value")).doubleValue())
            .findFirst()
            .orElse(30.0);
    long minimum = Math.max((long) minResponses, (long) ANSWERS_PER_DIMENSION * DIMENSIONS.size());
    if (rows.size() < minimum) {
      return new Analysis(quarter, rows.size(), minimum, Double.NaN, List.of(), null);
    }
    double[] y = new double[rows.size()];
    double[][] x = new double[rows.size()][DIMENSIONS.size()];
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> r = rows.get(i);
      for (int d = 0; d < DIMENSIONS.size(); d++) {
        x[i][d] = ((Number) r.get("score_" + DIMENSIONS.get(d))).doubleValue();
      }
      y[i] = ((Number) r.get("score_overall")).doubleValue();
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(y, x);
    double[] beta;
    double[] se;
    double rSquared;
    try {
      beta = ols.estimateRegressionParameters();
      se = ols.estimateRegressionParametersStandardErrors();
      rSquared = ols.calculateRSquared();
    } catch (SingularMatrixException e) {
      // a dimension without variation in the quarter (everyone gave the same score): nothing to
      // learn
      return new Analysis(quarter, rows.size(), minimum, Double.NaN, List.of(), null);
    }
    int df = rows.size() - DIMENSIONS.size() - 1;
    double t =
        new TDistribution(null, df, TDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY)
            .inverseCumulativeProbability(0.975);
    Map<String, Double> performance = new HashMap<>();
    for (Map<String, Object> r :
        warehouse.query(
            "select dimension, score from dimension_scores_quarterly where quarter = ? and scope ="
                + " 'company'",
            quarter)) {
      performance.put((String) r.get("dimension"), ((Number) r.get("score")).doubleValue());
    }
    double meanImportance = 0;
    double meanPerformance = 0;
    for (int d = 0; d < DIMENSIONS.size(); d++) {
      meanImportance += beta[d + 1] / DIMENSIONS.size();
      meanPerformance +=
          performance.getOrDefault(DIMENSIONS.get(d), Double.NaN) / DIMENSIONS.size();
    }
    List<Driver> drivers = new ArrayList<>();
    for (int d = 0; d < DIMENSIONS.size(); d++) {
      double b = beta[d + 1];
      double p = performance.getOrDefault(DIMENSIONS.get(d), Double.NaN);
      boolean important = b >= meanImportance;
      boolean performing = p >= meanPerformance;
      Quadrant q =
          important
              ? (performing ? Quadrant.KEEP_UP : Quadrant.FIX_FIRST)
              : (performing ? Quadrant.POSSIBLE_OVERKILL : Quadrant.LOW_PRIORITY);
      drivers.add(
          new Driver(
              DIMENSIONS.get(d),
              round(b),
              round(b - t * se[d + 1]),
              round(b + t * se[d + 1]),
              p,
              q));
    }
    drivers.sort(Comparator.comparingDouble(Driver::importance).reversed());
    Driver fixFirst =
        drivers.stream().filter(dr -> dr.quadrant() == Quadrant.FIX_FIRST).findFirst().orElse(null);
    return new Analysis(quarter, rows.size(), minimum, round(rSquared), drivers, fixFirst);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
