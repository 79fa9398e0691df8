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

  /** No limit: nothing is shed (memory is the limit). */
  static DiscardSettings none() {
    return None.INSTANCE;
  }

  /** At most {@code limit} waiting jobs per queue; beyond that {@code mode} says which job is shed. */
  static DiscardSettings staticLimit(int limit, DiscardMode mode) {
    return new Static(limit, mode);
  }

  /**
   * Starts at {@code initialLimit}; every {@code every} the factory calls {@code controller} with
   * the current limit and uses its answer from then on (a negative answer is ignored and logged).
   * The controller runs on the factory's thread: keep it short.
   */
  static DiscardSettings dynamic(int initialLimit, DiscardMode mode, IntUnaryOperator controller, Duration every) {
    return new Dynamic(initialLimit, mode, controller, every);
  }

  /** No limit. */
  enum None implements DiscardSettings {
    INSTANCE
  }

  /** A fixed limit. */
  record Static(int limit, DiscardMode mode) implements DiscardSettings {
    public Static {
      if (limit < 0) {
        throw new IllegalArgumentException("a queue limit cannot be negative: " + limit);
      }
      Objects.requireNonNull(mode, "mode");
    }
  }

  /** A limit recomputed by {@code controller} every {@code every}. */
  record Dynamic(int initialLimit, DiscardMode mode, IntUnaryOperator controller, Duration every)
      implements DiscardSettings {
    public Dynamic {
      if (initialLimit < 0) {
        throw new IllegalArgumentException("a queue limit cannot be negative: " + initialLimit);
      }
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(controller, "controller");
      if (every == null || every.isZero() || every.isNegative()) {
        throw new IllegalArgumentException("the controller's period must be positive, not " + every);
      }
    }
  }
}
