package io.troupe.supervision;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Supervisor} ends a child it stops (on its own stop, for a sibling's restart, or for
 * {@code stopChild}), as OTP's {@code shutdown} field.
 */
public sealed interface Shutdown {

  /**
   * A graceful stop ({@code postStop} runs, queued messages become dead letters), and a kill if the
   * child has not ended within {@code timeout}.
   *
   * @param timeout how long the graceful stop may take
   */
  record Graceful(Duration timeout) implements Shutdown {
    /**
     * Checks the timeout.
     *
     * @param timeout how long the graceful stop may take
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if it is negative
     */
    public Graceful {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("shutdown timeout must not be negative: " + timeout);
      }
    }
  }

  /** A kill at once: the running hook is interrupted and {@code postStop} does not run. */
  record Kill() implements Shutdown {}

  /**
   * A graceful stop with a kill after {@code timeout}.
   *
   * @param timeout how long the graceful stop may take
   * @return the shutdown
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  static Shutdown graceful(Duration timeout) {
    return new Graceful(timeout);
  }

  /**
   * A kill at once.
   *
   * @return the shutdown
   */
  static Shutdown kill() {
    return new Kill();
  }
}
