package io.qualityloop.jobs.lake.functions;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells the door's watermark generators ({@link DoorWatermarks}) that the run has read everything
 * published before a given moment, so event time may catch up with the newest event read by then. A
 * runner on an in-process MiniCluster creates one with {@link #local()}, hands it to the job (it
 * travels serialized, by its id) and releases it once the Kafka consumer group has committed the
 * topics' end offsets; the generators in the same JVM see it at their next periodic emission. A job
 * on a cluster has none.
 *
 * <p>Each {@link #release(long)} is a new {@linkplain Release release} that covers the records
 * published before its moment. A generator that reads a record after that moment is not covered by
 * it (the record may have been published after the check, with older steps still unread elsewhere)
 * and waits for stragglers as usual until a later release covers it.
 *
 * <p>An {@linkplain #holdForImport() import hold} is stronger than a hold: from when an import is
 * about to publish until its rows are read, event time stands still. No generator emits a
 * watermark, catches up or steps aside, not even after a minute without records, and one that
 * stepped aside becomes active again: one partition may be about to get older steps than another
 * partition's newest, of complaints whose clocks that newest event would otherwise judge. The
 * runner tells the import to start publishing once the generators that report have seen the hold
 * ({@link #importHoldSeen()}), and ends it with a {@link #release} or {@link #endImportHold()}.
 */
public final class CatchUpSignal implements Serializable, AutoCloseable {
  private static final long serialVersionUID = 1L;

  /** The signals of this JVM, by id (the generators find theirs after deserialization). */
  private static final Map<String, State> SIGNALS = new ConcurrentHashMap<>();

  private final String id;

  /**
   * A release: the {@code number}-th of its signal, covering what was published before {@code
   * atNanos} ({@link System#nanoTime()}).
   */
  public record Release(long number, long atNanos, long atMillis) {
    /** Whether a generator whose latest record arrived at {@code lastRecordNanos} is covered. */
    boolean covers(long lastRecordNanos) {
      return lastRecordNanos - atNanos < 0;
    }
  }

  /**
   * One signal: its current release (null while held), its import hold, its generators and the
   * event times of the state it resumes.
   */
  private static final class State {
    private final Map<String, Long> resumedNewest;
    private volatile Release current;
    private long releases;

    /** The number of the current import hold; 0 when none. */
    private volatile long importHold;

    private long importHolds;
    private final AtomicInteger generators = new AtomicInteger();

    /** Generators that acknowledged the current release. */
    private final AtomicInteger acknowledged = new AtomicInteger();

    /**
     * The generators' latest reports, by generator: when ({@link System#nanoTime()}) and which
     * import hold they had seen then. One that stopped reporting (its task restarted) drops out.
     */
    private final Map<Object, long[]> reports = new ConcurrentHashMap<>();

    State(Map<String, Long> resumedNewest) {
      this.resumedNewest = Map.copyOf(resumedNewest);
    }
  }

  /** A generator that has not reported for this long is gone (its task restarted). */
  private static final long GONE_NANOS = Duration.ofSeconds(5).toNanos();

  private CatchUpSignal(String id) {
    this.id = id;
  }

  /** A signal for a job run in this JVM, not yet released. */
  public static CatchUpSignal local() {
    return resuming(Map.of());
  }

  /**
   * A signal for a job run in this JVM that resumes the state of a run before, not yet released:
   * {@code newestByStream} holds, by stream (its lake table's name), the newest event time (epoch
   * milliseconds) the run before had read and committed ({@link
   * io.qualityloop.jobs.lake.io.CommittedEventTimes}). Flink keeps no watermark in a checkpoint, so
   * a restored job starts with none; a release lets each stream's event time catch up with that
   * time at least, also on a subtask that has read nothing since, so the steps the run before had
   * read but not yet judged (it stopped while an import held event time) are judged without waiting
   * for a newer record.
   */
  public static CatchUpSignal resuming(Map<String, Long> newestByStream) {
    CatchUpSignal signal = new CatchUpSignal(UUID.randomUUID().toString());
    SIGNALS.put(signal.id, new State(newestByStream));
    return signal;
  }

  /**
   * The newest event time of {@code stream} that the resumed state had read ({@link
   * #resuming(Map)}); {@link Long#MIN_VALUE} when there is none.
   */
  long resumedNewest(String stream) {
    State state = SIGNALS.get(id);
    return state == null
        ? Long.MIN_VALUE
        : state.resumedNewest.getOrDefault(stream, Long.MIN_VALUE);
  }

  /** Releases for everything published up to now. */
  public void release() {
    release(System.nanoTime());
  }

  /**
   * Releases for everything published before {@code checkedAtNanos}: when the check that found
   * everything read began.
   */
  public void release(long checkedAtNanos) {
    State state = SIGNALS.get(id);
    if (state != null) {
      synchronized (state) {
        state.acknowledged.set(0);
        state.importHold = 0;
        long atMillis =
            System.currentTimeMillis() - (System.nanoTime() - checkedAtNanos) / 1_000_000L;
        state.current = new Release(++state.releases, checkedAtNanos, atMillis);
      }
    }
  }

  /**
   * Takes a release back: new records arrived, so the watermark waits for stragglers again (the
   * long-running service releases whenever it has read everything published, and holds when more is
   * published). A watermark already emitted never goes back. An import hold stays.
   */
  public void hold() {
    State state = SIGNALS.get(id);
    if (state != null) {
      synchronized (state) {
        state.acknowledged.set(0);
        state.current = null;
      }
    }
  }

  /**
   * Ends the import hold without a release: the imports' rows are read, and newer records are
   * coming, so the watermark follows them again.
   */
  public void endImportHold() {
    State state = SIGNALS.get(id);
    if (state != null) {
      synchronized (state) {
        state.importHold = 0;
      }
    }
  }

  /**
   * Holds for an import that is publishing or about to: until the next {@link #release} or {@link
   * #endImportHold()}, event time stands still (no generator emits a watermark, catches up or steps
   * aside, and one that stepped aside becomes active again). A hold already in place stays the same
   * hold.
   */
  public void holdForImport() {
    State state = SIGNALS.get(id);
    if (state != null) {
      synchronized (state) {
        state.acknowledged.set(0);
        state.current = null;
        if (state.importHold == 0) {
          state.importHold = ++state.importHolds;
        }
      }
    }
  }

  /** The number of the current import hold, 0 when there is none. */
  public long importHold() {
    State state = SIGNALS.get(id);
    return state == null ? 0 : state.importHold;
  }

  /**
   * Generator {@code generator} reports at a periodic emission: it is there, and the import hold it
   * has seen and acts on ({@code 0}: none).
   */
  void report(Object generator, long importHoldSeen) {
    State state = SIGNALS.get(id);
    if (state != null) {
      state.reports.put(generator, new long[] {System.nanoTime(), importHoldSeen});
    }
  }

  /**
   * Whether every generator that reported lately has seen the current import hold, and at least one
   * did (false without a hold).
   */
  public boolean importHoldSeen() {
    State state = SIGNALS.get(id);
    if (state == null || state.importHold == 0) {
      return false;
    }
    long now = System.nanoTime();
    state.reports.values().removeIf(r -> now - r[0] > GONE_NANOS);
    return !state.reports.isEmpty()
        && state.reports.values().stream().allMatch(r -> r[1] == state.importHold);
  }

  /** The current release, or null while held (or after {@link #close()}). */
  public Release current() {
    State state = SIGNALS.get(id);
    return state == null ? null : state.current;
  }

  /**
   * Whether the run has read everything published before {@code wallClockMillis} (epoch ms): the
   * current release's check began after it. Across a restart the new run's first release covers
   * what the run before had read.
   */
  public boolean readEverythingPublishedBefore(long wallClockMillis) {
    Release release = current();
    return release != null && release.atMillis() > wallClockMillis;
  }

  public boolean released() {
    return current() != null;
  }

  /** A watermark generator of the job watches this signal (called as it is created). */
  void watchedBy() {
    State state = SIGNALS.get(id);
    if (state != null) {
      state.generators.incrementAndGet();
    }
  }

  /** A watching generator has emitted the caught-up watermark of {@code release} (once each). */
  void caughtUp(Release release) {
    State state = SIGNALS.get(id);
    if (state != null) {
      synchronized (state) {
        if (release.equals(state.current)) {
          state.acknowledged.incrementAndGet();
        }
      }
    }
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
      State state = SIGNALS.get(id);
      if (state != null
          && state.current != null
          && state.generators.get() > 0
          && state.acknowledged.get() >= state.generators.get()) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Override
  public void close() {
    SIGNALS.remove(id);
  }
}
