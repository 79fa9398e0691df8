package io.troupe.factory;

import io.troupe.ActorRef;

/**
 * One place in the pool: the current worker actor for it, the job it runs (at most one), and the
 * jobs waiting for it. Touched only by the factory's thread.
 */
final class WorkerSlot<K, M> {
  final int index;
  final JobQueue<K, M> waiting;
  ActorRef<Job<K, M>> worker;
  /** Distinguishes this incarnation's reports from those of a replaced or removed worker. */
  long generation;
  /** The job the worker runs, or null when it is free. */
  Pending<K, M> current;
  long startedNanos;
  /** Being removed by a shrink: takes no new jobs and goes once its current job is over. */
  boolean retiring;

  WorkerSlot(int index, JobQueue<K, M> waiting) {
    this.index = index;
    this.waiting = waiting;
  }

  boolean free() {
    return current == null;
  }
}
