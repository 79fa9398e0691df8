package io.troupe.rpc;

/** A call ended without an answer: the target stopped, failed, or dropped the reply port. */
public final class CallFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CallFailedException(String message) {
    super(message);
  }

  public CallFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
