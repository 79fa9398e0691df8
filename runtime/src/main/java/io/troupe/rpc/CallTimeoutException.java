package io.troupe.rpc;

/** A call got no answer within its timeout. */
public final class CallTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A call that got no answer in time.
   *
   * @param message what happened, for the user
   */
  public CallTimeoutException(String message) {
    super(message);
  }
}
