package io.troupe.supervision;

/**
 * A {@link Supervisor} operation could not be done: a child failed to start (the cause), an id is
 * taken or unknown, or the supervisor did not answer in time or has ended.
 */
public final class SupervisorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param cause the underlying error, or null
   */
  public SupervisorException(String message, Throwable cause) {
    super(message, cause);
  }
}
