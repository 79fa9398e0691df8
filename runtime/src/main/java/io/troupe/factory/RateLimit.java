package io.troupe.factory;

import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket in front of the factory's router: at most {@code jobs} jobs in a burst, refilled
 * at {@code jobs} per {@code period} (one token every {@code period / jobs}). A job that finds no
 * token is discarded ({@link DiscardReason#RATE_LIMITED}) or held back in arrival order until a
 * token is available, per {@code excess}. Held jobs count against the factory's queue limit (beyond
 * it they are shed as {@link DiscardReason#LOAD_SHED}) and are reported {@code SHUTDOWN} if the
 * factory stops.
 *
 * @param jobs the burst size and the number of tokens per period, at least 1
 * @param period the time in which {@code jobs} tokens come back, positive
 * @param excess what happens to a job that finds no token
 */
public record RateLimit(int jobs, Duration period, Excess excess) {

  /** What happens to a job beyond the rate. */
  public enum Excess {
    /** Discarded, reported {@link DiscardReason#RATE_LIMITED}. */
    DISCARD,
    /** Held in arrival order and routed when a token is available. */
    DELAY
  }

  /**
   * A rate limit, checked.
   *
   * @param jobs the burst size and the number of tokens per period, at least 1
   * @param period the time in which {@code jobs} tokens come back, positive
   * @param excess what happens to a job that finds no token
   * @throws IllegalArgumentException if {@code jobs} is less than 1 or {@code period} is not
   *     positive
   * @throws NullPointerException if {@code excess} is null
   */
  public RateLimit {
    if (jobs < 1) {
      throw new IllegalArgumentException(
          "a rate limit allows at least one job per period, not " + jobs);
    }
    if (period == null || period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("a rate limit's period must be positive, not " + period);
    }
    Objects.requireNonNull(excess, "excess");
  }

  /**
   * At most {@code jobs} per {@code period}; excess jobs are discarded.
   *
   * @param jobs the burst size and the number of tokens per period, at least 1
   * @param period the time in which {@code jobs} tokens come back, positive
   * @return the rate limit
   * @throws IllegalArgumentException if {@code jobs} is less than 1 or {@code period} is not
   *     positive
   */
  public static RateLimit of(int jobs, Duration period) {
    return new RateLimit(jobs, period, Excess.DISCARD);
  }

  /**
   * The same rate, holding excess jobs back instead of discarding them.
   *
   * @return a copy with {@link Excess#DELAY}
   */
  public RateLimit delayingExcess() {
    return new RateLimit(jobs, period, Excess.DELAY);
  }
}
