package io.troupe.supervision;

/**
 * What a {@link Supervisor} fails with when its restart intensity is exceeded: its own supervisor
 * receives {@code ActorFailed(supervisor, this)}, so the failure travels up the tree.
 */
public final class SupervisorGaveUpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which child, and the intensity exceeded
   * @param cause what the last failing child threw, or null
   */
  public SupervisorGaveUpException(String message, Throwable cause) {
    super(message, cause);
  }
}
