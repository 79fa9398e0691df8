package io.troupe.factory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A unit of work for a factory: a routing key, the user's message, and options.
 *
 * @param key decides the worker under {@link Routing#KEY_PERSISTENT}; may be anything with {@code
 *     hashCode}/{@code equals}
 * @param message what the worker handles
 * @param options submit time, time-to-live and priority
 * @param <K> the routing key's type
 * @param <M> the message's type
 */
public record Job<K, M>(K key, M message, JobOptions options) {
  /**
   * A job.
   *
   * @param key decides the worker under {@link Routing#KEY_PERSISTENT}
   * @param message what the worker handles, not null
   * @param options submit time, time-to-live and priority, not null
   * @throws NullPointerException if {@code message} or {@code options} is null
   */
  public Job {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(options, "options");
  }

  /**
   * A job submitted now, without a time-to-live.
   *
   * @param <K> the routing key's type
   * @param <M> the message's type
   * @param key decides the worker under {@link Routing#KEY_PERSISTENT}
   * @param message what the worker handles, not null
   * @return the job
   * @throws NullPointerException if {@code message} is null
   */
  public static <K, M> Job<K, M> of(K key, M message) {
    return new Job<>(key, message, JobOptions.now());
  }

  /**
   * A job submitted now that is discarded, not processed, if it has not started within {@code ttl}.
   *
   * @param <K> the routing key's type
   * @param <M> the message's type
   * @param key decides the worker under {@link Routing#KEY_PERSISTENT}
   * @param message what the worker handles, not null
   * @param ttl how long the job may wait before it starts, not negative
   * @return the job
   * @throws NullPointerException if {@code message} is null
   * @throws IllegalArgumentException if {@code ttl} is negative
   */
  public static <K, M> Job<K, M> of(K key, M message, Duration ttl) {
    return new Job<>(key, message, JobOptions.now().withTtl(ttl));
  }

  /**
   * This job with priority {@code priority} (see {@link JobOptions#priority()}).
   *
   * @param priority the level, 0 (the lowest) or more
   * @return a copy of this job with that priority
   * @throws IllegalArgumentException if {@code priority} is negative
   */
  public Job<K, M> withPriority(int priority) {
    return new Job<>(key, message, options.withPriority(priority));
  }

  /**
   * True if the job's time-to-live has passed.
   *
   * @return whether the job may no longer start, on the wall clock
   */
  public boolean isExpired() {
    return options.ttl() != null
        && Instant.now().isAfter(options.submittedAt().plus(options.ttl()));
  }
}
