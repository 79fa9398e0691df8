package io.troupe.factory;

import java.time.Duration;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * How many jobs may wait in one of the factory's queues (the shared queue of the queuer modes, or
 * the queue of each worker in the other modes; jobs held back by a delaying {@link RateLimit} count
 * against the same limit) and which job gives way when one more arrives.
 */
public sealed interface DiscardSettings {

  /**
   * No limit: nothing is shed (memory is the limit).
   *
   * @return the settings without a limit
   */
  static DiscardSettings none() {
    return None.INSTANCE;
  }

  /**
   * At most {@code limit} waiting jobs per queue; beyond that {@code mode} says which job is shed.
   *
   * @param limit the most jobs waiting per queue, not negative
   * @param mode which job gives way when a job arrives at a full queue
   * @return the settings
   * @throws IllegalArgumentException if {@code limit} is negative
   * @throws NullPointerException if {@code mode} is null
   */
  static DiscardSettings staticLimit(int limit, DiscardMode mode) {
    return new Static(limit, mode);
  }

  /**
   * Starts at {@code initialLimit}; every {@code every} the factory calls {@code controller} with
   * the current limit and uses its answer from then on (a negative answer is ignored and logged).
   * The controller runs on the factory's thread: keep it short.
   *
   * @param initialLimit the limit until the controller first answers, not negative
   * @param mode which job gives way when a job arrives at a full queue
   * @param controller maps the current limit to the next one
   * @param every how often the controller is asked, positive
   * @return the settings
   * @throws IllegalArgumentException if {@code initialLimit} is negative or {@code every} is not
   *     positive
   * @throws NullPointerException if {@code mode} or {@code controller} is null
   */
  static DiscardSettings dynamic(
      int initialLimit, DiscardMode mode, IntUnaryOperator controller, Duration every) {
    return new Dynamic(initialLimit, mode, controller, every);
  }

  /** No limit. */
  enum None implements DiscardSettings {
    /** The one instance. */
    INSTANCE
  }

  /**
   * A fixed limit.
   *
   * @param limit the most jobs waiting per queue, not negative
   * @param mode which job gives way when a job arrives at a full queue
   */
  record Static(int limit, DiscardMode mode) implements DiscardSettings {
    /**
     * A fixed limit.
     *
     * @param limit the most jobs waiting per queue, not negative
     * @param mode which job gives way when a job arrives at a full queue
     * @throws IllegalArgumentException if {@code limit} is negative
     * @throws NullPointerException if {@code mode} is null
     */
    public Static {
      if (limit < 0) {
        throw new IllegalArgumentException("a queue limit cannot be negative: " + limit);
      }
      Objects.requireNonNull(mode, "mode");
    }
  }

  /**
   * A limit recomputed by {@code controller} every {@code every}.
   *
   * @param initialLimit the limit until the controller first answers, not negative
   * @param mode which job gives way when a job arrives at a full queue
   * @param controller maps the current limit to the next one, on the factory's thread
   * @param every how often the controller is asked, positive
   */
  record Dynamic(int initialLimit, DiscardMode mode, IntUnaryOperator controller, Duration every)
      implements DiscardSettings {
    /**
     * A limit recomputed by {@code controller} every {@code every}.
     *
     * @param initialLimit the limit until the controller first answers, not negative
     * @param mode which job gives way when a job arrives at a full queue
     * @param controller maps the current limit to the next one, on the factory's thread
     * @param every how often the controller is asked, positive
     * @throws IllegalArgumentException if {@code initialLimit} is negative or {@code every} is not
     *     positive
     * @throws NullPointerException if {@code mode} or {@code controller} is null
     */
    public Dynamic {
      if (initialLimit < 0) {
        throw new IllegalArgumentException("a queue limit cannot be negative: " + initialLimit);
      }
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(controller, "controller");
      if (every == null || every.isZero() || every.isNegative()) {
        throw new IllegalArgumentException(
            "the controller's period must be positive, not " + every);
      }
    }
  }
}
