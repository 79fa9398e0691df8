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
  /**
   * Options, checked.
   *
   * @param submittedAt when the job was made, not null
   * @param ttl how long after {@code submittedAt} the job may still start; null for no limit
   * @param priority the job's level, 0 (the lowest) or more
   * @throws NullPointerException if {@code submittedAt} is null
   * @throws IllegalArgumentException if {@code ttl} or {@code priority} is negative
   */
  public JobOptions {
    Objects.requireNonNull(submittedAt, "submittedAt");
    if (ttl != null && ttl.isNegative()) {
      throw new IllegalArgumentException("a time-to-live cannot be negative: " + ttl);
    }
    if (priority < 0) {
      throw new IllegalArgumentException("a priority cannot be negative: " + priority);
    }
  }

  /**
   * Options with the lowest priority.
   *
   * @param submittedAt when the job was made, not null
   * @param ttl how long after {@code submittedAt} the job may still start; null for no limit
   */
  public JobOptions(Instant submittedAt, Duration ttl) {
    this(submittedAt, ttl, 0);
  }

  /**
   * Submitted now, no time-to-live, priority 0.
   *
   * @return the options
   */
  public static JobOptions now() {
    return new JobOptions(Instant.now(), null, 0);
  }

  /**
   * These options with time-to-live {@code ttl} (null for none).
   *
   * @param ttl the time-to-live, not negative, or null
   * @return a copy with that time-to-live
   * @throws IllegalArgumentException if {@code ttl} is negative
   */
  public JobOptions withTtl(Duration ttl) {
    return new JobOptions(submittedAt, ttl, priority);
  }

  /**
   * These options with priority {@code priority} (see {@link #priority()}).
   *
   * @param priority the level, 0 (the lowest) or more
   * @return a copy with that priority
   * @throws IllegalArgumentException if {@code priority} is negative
   */
  public JobOptions withPriority(int priority) {
    return new JobOptions(submittedAt, ttl, priority);
  }
}
