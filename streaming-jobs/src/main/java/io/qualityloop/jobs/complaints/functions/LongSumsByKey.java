package io.qualityloop.jobs.complaints.functions;

import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * An accumulator of sums by a long key (e.g. complaints held in state at each checkpoint id, summed
 * over subtasks).
 */
public final class LongSumsByKey implements Accumulator<long[], TreeMap<Long, Long>> {
  private static final long serialVersionUID = 1L;

  private TreeMap<Long, Long> sums = new TreeMap<>();

  /** Adds {@code value[1]} to the sum of key {@code value[0]}. */
  @Override
  public void add(long[] value) {
    sums.merge(value[0], value[1], Long::sum);
  }

  @Override
  public TreeMap<Long, Long> getLocalValue() {
    return sums;
  }

  @Override
  public void resetLocal() {
    sums = new TreeMap<>();
  }

  @Override
  public void merge(Accumulator<long[], TreeMap<Long, Long>> other) {
    other.getLocalValue().forEach((k, v) -> sums.merge(k, v, Long::sum));
  }

  @Override
  public LongSumsByKey clone() {
    LongSumsByKey copy = new LongSumsByKey();
    copy.sums = new TreeMap<>(sums);
    return copy;
  }
}
