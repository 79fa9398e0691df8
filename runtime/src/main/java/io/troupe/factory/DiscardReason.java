package io.troupe.factory;

/** Why a job was not processed. */
public enum DiscardReason {
  /** The queue it would wait in was at its limit (see {@link DiscardSettings}). */
  LOAD_SHED,
  /** The job's time-to-live passed before it started. */
  TTL_EXPIRED,
  /** The factory drained or stopped before the job started. */
  SHUTDOWN,
  /** The factory's rate limit refused it (see {@link RateLimit}). */
  RATE_LIMITED,
  /**
   * The worker handling it failed (its handler threw, or it was stopped or killed from outside).
   */
  WORKER_FAILED,
  /**
   * The dead-man's switch found the worker on this job for longer than its timeout and killed it.
   */
  STUCK,
  /**
   * Custom routing threw or chose a worker that no longer exists (the pool shrank after submit).
   */
  ROUTING_FAILED
}
