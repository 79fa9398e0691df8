package io.troupe.factory;

import io.troupe.ActorRef;
import java.util.ArrayDeque;

/**
 * One place in the pool: the current worker actor for it, the jobs sent to it (the head is the one
 * it runs; with a prefetch above 1 the rest wait in its mailbox), and the jobs waiting for it in
 * the factory. Touched only by the factory's thread.
 */
final class WorkerSlot<K, M> {
  final int index;
  final JobQueue<K, M> waiting;
  ActorRef<Job<K, M>> worker;

  /** Distinguishes this incarnation's reports from those of a replaced or removed worker. */
  long generation;

  /** This incarnation's count of finished jobs. */
  WorkerProgress progress;

  /** How many of this incarnation's jobs the factory has accounted for (a prefix of those sent). */
  long settled;

  /**
   * Sent to the worker and not yet accounted for, in order; the worker finishes them in this order.
   */
  final ArrayDeque<Pending<K, M>> inFlight = new ArrayDeque<>();

  /** When the head of {@link #inFlight} started (as seen by the factory). */
  long startedNanos;

  /** Being removed by a shrink: takes no new jobs and goes once its current job is over. */
  boolean retiring;

  WorkerSlot(int index, JobQueue<K, M> waiting) {
    this.index = index;
    this.waiting = waiting;
  }

  boolean idle() {
    return inFlight.isEmpty();
  }

  Pending<K, M> current() {
    return inFlight.peek();
  }
}
