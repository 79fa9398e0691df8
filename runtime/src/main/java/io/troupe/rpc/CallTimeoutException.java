package io.troupe.rpc;

/** A call got no answer within its timeout. */
public final class CallTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CallTimeoutException(String message) {
    super(message);
  }
}
