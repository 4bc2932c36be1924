package io.qualityloop.text;

import java.io.Serializable;
import org.apache.commons.math3.distribution.PoissonDistribution;

/**
 * Is this week's count of a term in a project more than chance allows, given the weeks before? The
 * count is taken as Poisson with the mean of the trailing weeks (at least {@link #floorRate} a
 * week, so a term never seen before needs several mentions, not one, to stand out); the surge is
 * real when the count reaches {@link #minCount} and the chance of at least that many is below
 * {@link #alpha}. With one test per project, term and week a company runs thousands of tests a
 * year, so alpha is small (0.0001: on the demo, 0.001 let chance alerts of 5 mentions against 0.5 a
 * week through; 0.0001 kept the planted surges and none of those) and the minimum count keeps rare
 * words quiet.
 *
 * @param minCount the fewest mentions in the week that can raise an alert
 * @param alpha the largest upper-tail Poisson probability that raises an alert
 * @param floorRate the smallest weekly rate assumed for the baseline
 * @param minBaselineWeeks the fewest weeks of history before a term can surge
 */
public record SurgeTest(int minCount, double alpha, double floorRate, int minBaselineWeeks)
    implements Serializable {
  public static final SurgeTest DEFAULT = new SurgeTest(5, 0.0001, 0.5, 4);

  /**
   * The test's answer for one term: the observed count, the expected, the lift and its probability.
   */
  public record Result(long observed, double expected, double pValue, boolean surge)
      implements Serializable {
    /** The rise over the baseline, in percent: 电梯困人 +340%. */
    public long liftPercent() {
      return Math.round((observed / expected - 1) * 100);
    }
  }

  /**
   * @param observed mentions this week
   * @param baselineTotal mentions in the trailing weeks
   * @param baselineWeeks how many trailing weeks ({@code baselineTotal} is their sum)
   */
  public Result test(long observed, long baselineTotal, int baselineWeeks) {
    if (observed < 0 || baselineTotal < 0 || baselineWeeks < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    double expected =
        Math.max(
            floorRate, baselineWeeks == 0 ? floorRate : (double) baselineTotal / baselineWeeks);
    double p =
        observed == 0
            ? 1.0
            : 1.0
                - new PoissonDistribution(
                        null,
                        expected,
                        PoissonDistribution.DEFAULT_EPSILON,
                        PoissonDistribution.DEFAULT_MAX_ITERATIONS)
                    .cumulativeProbability((int) Math.min(Integer.MAX_VALUE, observed - 1));
    boolean surge = baselineWeeks >= minBaselineWeeks && observed >= minCount && p < alpha;
    return new Result(observed, expected, Math.max(0, p), surge);
  }
}
