package io.troupe.supervision;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code maxRestarts} restarts within any {@code period}: one more and the supervisor gives
 * up (OTP's {@code intensity} and {@code period}; Pekko's {@code withLimit(maxNrOfRetries,
 * withinTimeRange)}).
 *
 * @param maxRestarts the restarts allowed within a period; 0 allows none
 * @param period the sliding window the restarts are counted in
 */
public record RestartIntensity(int maxRestarts, Duration period) {

  /**
   * Checks the values.
   *
   * @param maxRestarts the restarts allowed within a period
   * @param period the window
   * @throws IllegalArgumentException if {@code maxRestarts} is negative or {@code period} is not
   *     positive
   * @throws NullPointerException if {@code period} is null
   */
  public RestartIntensity {
    Objects.requireNonNull(period, "period");
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("maxRestarts must not be negative: " + maxRestarts);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("restart period must be positive: " + period);
    }
  }

  /**
   * The default: 3 restarts within 5 seconds.
   *
   * @return the default intensity
   */
  public static RestartIntensity defaults() {
    return new RestartIntensity(3, Duration.ofSeconds(5));
  }

  /**
   * At most {@code maxRestarts} within {@code period}.
   *
   * @param maxRestarts the restarts allowed within a period
   * @param period the window
   * @return the intensity
   * @throws IllegalArgumentException as the constructor
   */
  public static RestartIntensity of(int maxRestarts, Duration period) {
    return new RestartIntensity(maxRestarts, period);
  }
}
