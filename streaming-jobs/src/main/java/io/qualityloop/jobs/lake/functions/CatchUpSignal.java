package io.qualityloop.jobs.lake.functions;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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

  /** Watermark generators that watch each signal, and how many of them have caught up. */
  private static final Map<String, AtomicInteger> GENERATORS = new ConcurrentHashMap<>();

  private static final Map<String, AtomicInteger> CAUGHT_UP = new ConcurrentHashMap<>();

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

  /** A watermark generator of the job watches this signal (called as it is created). */
  void watchedBy() {
    GENERATORS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
  }

  /** A watching generator has emitted the caught-up watermark (once per generator and release). */
  void caughtUp() {
    CAUGHT_UP.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
  }

  /**
   * Waits, after {@link #release()}, until every watching generator has emitted its caught-up
   * watermark: a checkpoint or savepoint triggered from then on follows that watermark through the
   * job, so whatever it fires (the lifecycle's last steps and clocks) is in the snapshot's output.
   * For a bounded run; the long-running service does not wait.
   *
   * @return false when {@code timeout} passed first (a generator restarted, or none watches)
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      int watching = GENERATORS.getOrDefault(id, new AtomicInteger()).get();
      if (watching > 0 && CAUGHT_UP.getOrDefault(id, new AtomicInteger()).get() >= watching) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /**
   * Takes a release back: new records arrived, so the watermark waits for stragglers again (the
   * long-running service releases whenever it has read everything published, and holds when more is
   * published). A watermark already emitted never goes back.
   */
  public void hold() {
    RELEASED.computeIfPresent(id, (k, v) -> false);
    CAUGHT_UP.remove(id);
  }

  public boolean released() {
    return RELEASED.getOrDefault(id, false);
  }

  @Override
  public void close() {
    RELEASED.remove(id);
    GENERATORS.remove(id);
    CAUGHT_UP.remove(id);
  }
}
