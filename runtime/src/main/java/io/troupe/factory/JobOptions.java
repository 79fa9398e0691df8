package io.troupe.factory;

import java.time.Duration;
import java.time.Instant;

/**
 * When a job was submitted and how long it may wait before it starts.
 *
 * @param submittedAt when the job was made
 * @param ttl how long after {@code submittedAt} the job may still start; null for no limit
 */
public record JobOptions(Instant submittedAt, Duration ttl) {
  public static JobOptions now() {
    return new JobOptions(Instant.now(), null);
  }

  public JobOptions withTtl(Duration ttl) {
    return new JobOptions(submittedAt, ttl);
  }
}
