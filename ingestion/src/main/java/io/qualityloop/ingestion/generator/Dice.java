package io.qualityloop.ingestion.generator;

import java.util.List;
import java.util.SplittableRandom;

/** The generator's only source of chance: seeded, so the same seed gives the same data. */
final class Dice {
  private final SplittableRandom random;

  Dice(long seed) {
    this.random = new SplittableRandom(seed);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  double uniform(double from, double to) {
    return from + random.nextDouble() * (to - from);
  }

  int between(int fromInclusive, int toInclusive) {
    return random.nextInt(fromInclusive, toInclusive + 1);
  }

  double normal(double mean, double sd) {
    // Box-Muller; one value per call keeps the sequence simple to reason about.
    double u1 = Math.max(random.nextDouble(), 1e-12);
    double u2 = random.nextDouble();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  int poisson(double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    double limit = Math.exp(-lambda);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** Picks {@code items[i]} with probability {@code weights[i] / sum(weights)}. */
  <T> T weighted(List<T> items, double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double r = random.nextDouble() * total;
    for (int i = 0; i < items.size(); i++) {
      r -= weights[i];
      if (r < 0) {
        return items.get(i);
      }
    }
    return items.get(items.size() - 1);
  }
}
