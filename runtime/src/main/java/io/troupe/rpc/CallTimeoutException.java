package io.troupe.rpc;

import java.time.Duration;
import java.util.Optional;

/** A call got no answer within its timeout. */
public final class CallTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient CallResult.Timeout<?> timeout;

  /**
   * A call that got no answer in time.
   *
   * @param message what happened, for the user
   */
  public CallTimeoutException(String message) {
    super(message);
    this.timeout = new CallResult.Timeout<>();
  }

  /**
   * The call of {@code timeout} got no answer in time; the message names its actor, variant and
   * timeout.
   *
   * @param timeout the call's result
   */
  public CallTimeoutException(CallResult.Timeout<?> timeout) {
    super(timeout.describe());
    this.timeout = timeout;
  }

  /**
   * The called actor, as its ref prints.
   *
   * @return it, if known
   */
  public Optional<String> target() {
    return Optional.ofNullable(timeout == null ? null : timeout.target());
  }

  /**
   * The call's variant.
   *
   * @return it, if known
   */
  public Optional<String> variant() {
    return Optional.ofNullable(timeout == null ? null : timeout.variant());
  }

  /**
   * How long the caller waited.
   *
   * @return it, if known
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout == null ? null : timeout.timeout());
  }
}
