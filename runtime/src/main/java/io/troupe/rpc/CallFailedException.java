package io.troupe.rpc;

/**
 * A call ended without an answer: the target stopped, failed, or dropped the reply port, or its
 * node could not answer.
 */
public final class CallFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the call failed, as a type. */
  private final CallFailure reason;

  /**
   * A call that ended without an answer ({@link CallFailure#ACTOR_STOPPED}).
   *
   * @param message what happened, for the user
   */
  public CallFailedException(String message) {
    this(CallFailure.ACTOR_STOPPED, message);
  }

  /**
   * A call that ended without an answer because of {@code cause} ({@link
   * CallFailure#ACTOR_STOPPED}).
   *
   * @param message what happened, for the user
   * @param cause the underlying failure
   */
  public CallFailedException(String message, Throwable cause) {
    super(message, cause);
    this.reason = CallFailure.ACTOR_STOPPED;
  }

  /**
   * A call that ended without an answer for {@code reason}.
   *
   * @param reason why, as a type
   * @param message why, as text for the user
   */
  public CallFailedException(CallFailure reason, String message) {
    super(message);
    this.reason = reason == null ? CallFailure.ACTOR_STOPPED : reason;
  }

  /**
   * Why the call failed.
   *
   * @return the reason's type; the message has the detail
   */
  public CallFailure reason() {
    return reason;
  }
}
