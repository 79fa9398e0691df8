package io.troupe.factory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A unit of work for a factory: a routing key, the user's message, and options.
 *
 * @param key decides the worker under {@link Routing#KEY_PERSISTENT}; may be anything with
 *     {@code hashCode}/{@code equals}
 * @param message what the worker handles
 * @param options submit time, time-to-live and priority
 */
public record Job<K, M>(K key, M message, JobOptions options) {
  public Job {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(options, "options");
  }

  /** A job submitted now, without a time-to-live. */
  public static <K, M> Job<K, M> of(K key, M message) {
    return new Job<>(key, message, JobOptions.now());
  }

  /** A job submitted now that is discarded, not processed, if it has not started within {@code ttl}. */
  public static <K, M> Job<K, M> of(K key, M message, Duration ttl) {
    return new Job<>(key, message, JobOptions.now().withTtl(ttl));
  }

  /** This job with priority {@code priority} (see {@link JobOptions#priority()}). */
  public Job<K, M> withPriority(int priority) {
    return new Job<>(key, message, options.withPriority(priority));
  }

  /** True if the job's time-to-live has passed. */
  public boolean isExpired() {
    return options.ttl() != null && Instant.now().isAfter(options.submittedAt().plus(options.ttl()));
  }
}
