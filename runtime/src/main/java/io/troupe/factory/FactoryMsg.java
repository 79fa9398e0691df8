package io.troupe.factory;

import java.time.Duration;

/** What the factory actor handles (internal: users go through {@link Factory}). */
sealed interface FactoryMsg<K, M> {
  record Submit<K, M>(Pending<K, M> job) implements FactoryMsg<K, M> {}

  /**
   * The worker of slot {@code worker}, incarnation {@code generation}, has finished the first
   * {@code finished} jobs sent to it (which of them were expired, not run, is in its {@link
   * WorkerProgress}); since its last report it ran {@code ran} jobs taking {@code ranNanos} in all,
   * {@code maxNanos} at most.
   */
  record Done<K, M>(
      int worker, long generation, long finished, int ran, long ranNanos, long maxNanos)
      implements FactoryMsg<K, M> {}

  /**
   * The worker's handler threw on the oldest job sent to it; it fails right after sending this.
   * Sent in order with {@link Done}, unlike the supervision event, which may overtake earlier
   * reports.
   */
  record Failed<K, M>(int worker, long generation) implements FactoryMsg<K, M> {}

  record Drain<K, M>() implements FactoryMsg<K, M> {}

  /**
   * Stop now: everything not processed is reported {@code SHUTDOWN}, in order with earlier submits.
   */
  record Stop<K, M>() implements FactoryMsg<K, M> {}

  record Resize<K, M>(int workers) implements FactoryMsg<K, M> {}

  record SetDiscard<K, M>(DiscardSettings settings) implements FactoryMsg<K, M> {}

  /** A new static limit, keeping the discard mode. */
  record SetCapacity<K, M>(int limit) implements FactoryMsg<K, M> {}

  /** A new rate limit; null removes it (held jobs are routed at once). */
  record SetRateLimit<K, M>(RateLimit limit) implements FactoryMsg<K, M> {}

  /** A new dead-man's switch timeout; zero turns it off. */
  record SetDeadMansSwitch<K, M>(Duration timeout) implements FactoryMsg<K, M> {}

  /** Periodic upkeep: dead-man's switch, dynamic discard limit, pool size controller. */
  record Tick<K, M>() implements FactoryMsg<K, M> {}

  /** Time to route rate-limited jobs that were held back. */
  record ReleaseHeld<K, M>() implements FactoryMsg<K, M> {}

  /** Time to log the discards counted since the last warning (no discard handler is set). */
  record LogDiscards<K, M>() implements FactoryMsg<K, M> {}
}
