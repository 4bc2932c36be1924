package io.qualityloop.jobs;

/**
 * The imports of the long-running service as its event time must know them ({@link ServiceJob}):
 * whether one is publishing or waiting to publish, and telling them that event time now waits for
 * them.
 */
public interface ServiceImports {
  /** Whether an import is publishing, or has a file waiting to be published. */
  boolean pending();

  /**
   * Every door subtask is active and waits for the pending imports' rows: they may publish. Called
   * at each check while {@link #pending()} holds, once the subtasks have seen the hold.
   */
  void held();
}
