package io.troupe.factory;

/** Why a job was not processed. */
public enum DiscardReason {
  /** The queue was at capacity. */
  LOAD_SHED,
  /** The job's time-to-live passed before it started. */
  TTL_EXPIRED,
  /** The factory drained or stopped before the job started. */
  SHUTDOWN,
  /** A rate limit refused it (reserved: rate limiting is not implemented yet). */
  RATE_LIMITED,
  /** The worker handling it failed. */
  WORKER_FAILED
}
