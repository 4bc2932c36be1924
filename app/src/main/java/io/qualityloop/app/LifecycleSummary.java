package io.qualityloop.app;

import io.qualityloop.jobs.complaints.functions.ComplaintLifecycleFunction;
import org.apache.flink.api.common.JobExecutionResult;

/** The complaint lifecycle job's counters, as one line: state size, duplicates, late events. */
final class LifecycleSummary {
  private LifecycleSummary() {}

  static String describe(JobExecutionResult result) {
    long created = count(result, ComplaintLifecycleFunction.ACC_CREATED);
    long cleared = count(result, ComplaintLifecycleFunction.ACC_CLEARED);
    long expired = count(result, ComplaintLifecycleFunction.ACC_EXPIRED_OPEN);
    long afterRelease = count(result, ComplaintLifecycleFunction.ACC_AFTER_RELEASE);
    return String.format(
        "lifecycle state: %,d complaints seen, peak %,d held by one subtask; at the end %,d kept"
            + " (%,d cleared after close, %,d expired while open); %,d duplicates dropped, %,d late"
            + " events%s",
        created,
        count(result, ComplaintLifecycleFunction.ACC_PEAK_LIVE),
        created - cleared - expired,
        cleared,
        expired,
        count(result, ComplaintLifecycleFunction.ACC_DUPLICATES),
        count(result, ComplaintLifecycleFunction.ACC_LATE),
        afterRelease == 0
            ? ""
            : String.format(
                "; %,d steps of complaints closed and released not applied (see the log)",
                afterRelease));
  }

  private static long count(JobExecutionResult result, String name) {
    Object v = result.getAllAccumulatorResults().get(name);
    return v == null ? 0 : ((Number) v).longValue();
  }
}
