package io.troupe.factory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a job was submitted, how long it may wait before it starts, and its priority.
 *
 * @param submittedAt when the job was made
 * @param ttl how long after {@code submittedAt} the job may still start; null for no limit
 * @param priority its level in a factory with a priority queue: {@code 0} is the lowest, higher
 *     levels run first; ignored by FIFO queues. Checked against the factory's levels on submit.
 */
public record JobOptions(Instant submittedAt, Duration ttl, int priority) {
  public JobOptions {
    Objects.requireNonNull(submittedAt, "submittedAt");
    if (ttl != null && ttl.isNegative()) {
      throw new IllegalArgumentException("a time-to-live cannot be negative: " + ttl);
    }
    if (priority < 0) {
      throw new IllegalArgumentException("a priority cannot be negative: " + priority);
    }
  }

  /** Options with the lowest priority. */
  public JobOptions(Instant submittedAt, Duration ttl) {
    this(submittedAt, ttl, 0);
  }

  /** Submitted now, no time-to-live, priority 0. */
  public static JobOptions now() {
    return new JobOptions(Instant.now(), null, 0);
  }

  /** These options with time-to-live {@code ttl} (null for none). */
  public JobOptions withTtl(Duration ttl) {
    return new JobOptions(submittedAt, ttl, priority);
  }

  /** These options with priority {@code priority} (see {@link #priority()}). */
  public JobOptions withPriority(int priority) {
    return new JobOptions(submittedAt, ttl, priority);
  }
}
