package io.qualityloop.jobs.lake.functions;

import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the door's watermark generators ({@link DoorWatermarks}) that the run has read everything
 * it set out to read, so event time may catch up with the newest event. A runner on an in-process
 * MiniCluster creates one with {@link #local()}, hands it to the job (it travels serialized, by its
 * id) and releases it once the Kafka consumer group has committed the topics' end offsets; the
 * generators in the same JVM see it at their next periodic emission. A job on a cluster has none.
 */
public final class CatchUpSignal implements Serializable, AutoCloseable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Boolean> RELEASED = new ConcurrentHashMap<>();

  private final String id;

  private CatchUpSignal(String id) {
    this.id = id;
  }

  /** A signal for a job run in this JVM, not yet released. */
  public static CatchUpSignal local() {
    CatchUpSignal signal = new CatchUpSignal(UUID.randomUUID().toString());
    RELEASED.put(signal.id, false);
    return signal;
  }

  public void release() {
    RELEASED.put(id, true);
  }

  /**
   * Takes a release back: new records arrived, so the watermark waits for stragglers again (the
   * long-running service releases whenever it has read everything published, and holds when more is
   * published). A watermark already emitted never goes back.
   */
  public void hold() {
    RELEASED.computeIfPresent(id, (k, v) -> false);
  }

  public boolean released() {
    return RELEASED.getOrDefault(id, false);
  }

  @Override
  public void close() {
    RELEASED.remove(id);
  }
}
