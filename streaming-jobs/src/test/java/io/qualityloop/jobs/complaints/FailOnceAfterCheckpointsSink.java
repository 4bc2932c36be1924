package io.qualityloop.jobs.complaints;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A sink that counts and discards its input and fails the job once, on the first record after
 * {@code checkpoints} checkpoints holding some of its records have completed (its committer is told
 * of each). Until it fails, each record takes {@code throttleMillis} (ten times that after the
 * first hundred records), so the stream is still in flight when it does, however slow the machine.
 * The restarted writer gets its checkpointed count back, which proves that the job resumed from a
 * checkpoint and not from scratch. The MiniCluster runs in this JVM, so the flags are shared with
 * the test.
 */
final class FailOnceAfterCheckpointsSink<T>
    implements Sink<T>, SupportsWriterState<T, Long>, SupportsCommitter<Long> {
  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicLong COMPLETED_CHECKPOINTS = new AtomicLong();

  /** Records the restarted writers had already counted at their checkpoint (-1: none restored). */
  static final AtomicLong RESTORED_COUNT = new AtomicLong(-1);

  private static final long PATIENT_AFTER_RECORDS = 100;

  private final int checkpoints;
  private final long throttleMillis;

  FailOnceAfterCheckpointsSink(int checkpoints, long throttleMillis) {
    this.checkpoints = checkpoints;
    this.throttleMillis = throttleMillis;
  }

  static void reset() {
    FAILED.set(false);
    RESTORED_COUNT.set(-1);
    COMPLETED_CHECKPOINTS.set(0);
  }

  @Override
  public StatefulSinkWriter<T, Long> createWriter(WriterInitContext context) {
    return new Writer(0);
  }

  @Override
  public StatefulSinkWriter<T, Long> restoreWriter(
      WriterInitContext context, Collection<Long> state) {
    long count = state.stream().mapToLong(Long::longValue).sum();
    RESTORED_COUNT.accumulateAndGet(count, (a, b) -> Math.max(a, 0) + b);
    return new Writer(count);
  }

  @Override
  public Committer<Long> createCommitter(CommitterInitContext context) {
    return new Committer<>() {
      @Override
      public void commit(Collection<CommitRequest<Long>> requests) {
        // A committable exists only for a checkpoint that held records of this sink.
        COMPLETED_CHECKPOINTS.addAndGet(requests.size());
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public SimpleVersionedSerializer<Long> getCommittableSerializer() {
    return longs();
  }

  @Override
  public SimpleVersionedSerializer<Long> getWriterStateSerializer() {
    return longs();
  }

  private static SimpleVersionedSerializer<Long> longs() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(Long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
      }

      @Override
      public Long deserialize(int version, byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
      }
    };
  }

  private final class Writer implements StatefulSinkWriter<T, Long>, CommittingSinkWriter<T, Long> {
    private long count;

    Writer(long count) {
      this.count = count;
    }

    @Override
    public void write(T element, Context ctx) throws IOException, InterruptedException {
      count++;
      if (FAILED.get()) {
        return;
      }
      if (COMPLETED_CHECKPOINTS.get() >= checkpoints && FAILED.compareAndSet(false, true)) {
        throw new IOException(
            "injected failure after " + COMPLETED_CHECKPOINTS.get() + " completed checkpoints");
      }
      // A slow machine may not complete a checkpoint within the first records: slow down further
      // (between records, so barriers still pass) until one has completed, rather than reaching
      // the end of the stream without a failure.
      Thread.sleep(count > PATIENT_AFTER_RECORDS ? throttleMillis * 10 : throttleMillis);
    }

    @Override
    public List<Long> snapshotState(long checkpointId) {
      return List.of(count);
    }

    /**
     * A committable (the count) for each checkpoint taken after this writer has seen records; it is
     * committed once the checkpoint completes. A checkpoint before any record would restore nothing
     * worth proving.
     */
    @Override
    public Collection<Long> prepareCommit() {
      return count > 0 ? List.of(count) : List.of();
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public void close() {}
  }
}
