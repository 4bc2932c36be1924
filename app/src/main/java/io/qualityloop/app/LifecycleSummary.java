package io.qualityloop.app;

import io.qualityloop.jobs.complaints.functions.ComplaintLifecycleFunction;
import io.qualityloop.jobs.complaints.functions.DecodeComplaintEvent;
import org.apache.flink.api.common.JobExecutionResult;

/** The complaint lifecycle job's counters, as one line: state size, duplicates, late events. */
final class LifecycleSummary {
  private LifecycleSummary() {}

  static String describe(JobExecutionResult result) {
    long created = count(result, ComplaintLifecycleFunction.ACC_CREATED);
    long cleared = count(result, ComplaintLifecycleFunction.ACC_CLEARED);
    return String.format("lifecycle state: %,d complaints seen, peak %,d held by one subtask; at the end %,d kept "
            + "(%,d cleared 30 days after close), %,.1f KiB of event JSON in state; %,d duplicates dropped, %,d late events, %,d undecodable",
        created, count(result, ComplaintLifecycleFunction.ACC_PEAK_LIVE), created - cleared, cleared,
        count(result, ComplaintLifecycleFunction.ACC_STATE_BYTES) / 1024.0,
        count(result, ComplaintLifecycleFunction.ACC_DUPLICATES), count(result, ComplaintLifecycleFunction.ACC_LATE),
        count(result, DecodeComplaintEvent.ACC_UNDECODABLE));
  }

  private static long count(JobExecutionResult result, String name) {
    Object v = result.getAllAccumulatorResults().get(name);
    return v == null ? 0 : ((Number) v).longValue();
  }
}
