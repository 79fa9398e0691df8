package io.troupe.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks of the {@code ActorRef} entry points, run before anything is built, sent or
 * scheduled, so that a bad argument is refused with an exception naming it and nothing is
 * delivered. Runtime use only.
 */
public final class RefArguments {
  private RefArguments() {}

  /** {@code value}, or a {@link NullPointerException} naming {@code parameter}. */
  public static <T> T notNull(T value, String parameter) {
    return Objects.requireNonNull(value, () -> parameter + " must not be null");
  }

  /**
   * A wait or timeout: not null, not negative (zero means "do not wait").
   *
   * @throws NullPointerException if {@code duration} is null
   * @throws IllegalArgumentException if it is negative
   */
  public static Duration notNegative(Duration duration, String parameter) {
    notNull(duration, parameter);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(parameter + " must not be negative: " + duration);
    }
    return duration;
  }

  /**
   * A period of a repeating timer: not null, above zero.
   *
   * @throws NullPointerException if {@code duration} is null
   * @throws IllegalArgumentException if it is zero or negative
   */
  public static Duration positive(Duration duration, String parameter) {
    notNull(duration, parameter);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(parameter + " must be positive: " + duration);
    }
    return duration;
  }

  /** The arguments of a call: a request function and a timeout that is not negative. */
  public static void call(Object request, Duration timeout) {
    notNull(request, "request");
    notNegative(timeout, "timeout");
  }

  /** The message a call's request function built: null is the function's fault, said so. */
  public static <M> M requested(M message) {
    return Objects.requireNonNull(
        message, "the request function returned null instead of a message");
  }
}
