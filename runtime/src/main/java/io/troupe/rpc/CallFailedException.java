package io.troupe.rpc;

/** A call ended without an answer: the target stopped, failed, or dropped the reply port. */
public final class CallFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A call that ended without an answer.
   *
   * @param message what happened, for the user
   */
  public CallFailedException(String message) {
    super(message);
  }

  /**
   * A call that ended without an answer because of {@code cause}.
   *
   * @param message what happened, for the user
   * @param cause the underlying failure
   */
  public CallFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
