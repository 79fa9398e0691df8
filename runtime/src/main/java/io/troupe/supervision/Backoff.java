package io.troupe.supervision;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How long a restart waits: {@code min * 2^(attempt-1)}, capped at {@code max}, then stretched by a
 * random part of up to {@code jitter} (0.2 = up to 20% longer), so children that failed together do
 * not all come back at the same instant. A child that ran for {@code resetAfter} without ending
 * starts again from attempt 1. Pekko's {@code SupervisorStrategy.restartWithBackoff(minBackoff,
 * maxBackoff, randomFactor)} with {@code withResetBackoffAfter}; OTP restarts at once.
 *
 * @param min the delay of the first restart; zero for none
 * @param max the longest delay
 * @param jitter the random stretch, 0 for none
 * @param resetAfter how long a child must run for its attempts to be forgotten
 */
public record Backoff(Duration min, Duration max, double jitter, Duration resetAfter) {

  /**
   * Checks the values.
   *
   * @param min the delay of the first restart
   * @param max the longest delay
   * @param jitter the random stretch
   * @param resetAfter how long a child must run for its attempts to be forgotten
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a duration is negative, {@code max < min}, or the jitter is
   *     negative or not a number
   */
  public Backoff {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(resetAfter, "resetAfter");
    if (min.isNegative() || max.isNegative() || resetAfter.isNegative()) {
      throw new IllegalArgumentException("backoff durations must not be negative");
    }
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("backoff max " + max + " is below min " + min);
    }
    if (!(jitter >= 0) || Double.isInfinite(jitter)) {
      throw new IllegalArgumentException("backoff jitter must be a finite number >= 0: " + jitter);
    }
  }

  /**
   * No backoff: restarts happen at once (the OTP way).
   *
   * @return the immediate backoff
   */
  public static Backoff none() {
    return new Backoff(Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
  }

  /**
   * Exponential backoff from {@code min} to {@code max} with {@code jitter}, reset after a child
   * ran for {@code max} (change with {@link #withResetAfter}).
   *
   * @param min the first delay
   * @param max the longest delay
   * @param jitter the random stretch (0.2 = up to 20% longer)
   * @return the backoff
   * @throws IllegalArgumentException as the constructor
   */
  public static Backoff exponential(Duration min, Duration max, double jitter) {
    return new Backoff(min, max, jitter, max);
  }

  /**
   * This backoff with another reset period.
   *
   * @param stable how long a child must run for its attempts to be forgotten
   * @return the changed backoff
   * @throws IllegalArgumentException if {@code stable} is negative
   */
  public Backoff withResetAfter(Duration stable) {
    return new Backoff(min, max, jitter, stable);
  }

  /**
   * The delay before restart number {@code attempt} (1 for the first after a stable run).
   *
   * @param attempt the attempt, from 1
   * @param random a source of numbers in [0, 1)
   * @return the delay, never negative
   */
  public Duration delay(int attempt, DoubleSupplier random) {
    if (min.isZero()) {
      return Duration.ZERO;
    }
    long minNanos = min.toNanos();
    long maxNanos = max.toNanos();
    int shift = Math.min(Math.max(attempt - 1, 0), 62);
    long base = minNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, minNanos << shift);
    double stretched = base * (1 + jitter * random.getAsDouble());
    return Duration.ofNanos(
        stretched >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE / 2 : (long) stretched);
  }
}
