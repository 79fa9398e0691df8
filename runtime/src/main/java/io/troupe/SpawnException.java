package io.troupe;

/**
 * A spawn failed: {@code preStart} threw (the cause), the name is already taken, or the node is
 * closed. Nothing of the actor remains: no name, no group membership, no link.
 */
public final class SpawnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A spawn that failed because of {@code cause}.
   *
   * @param message what went wrong, naming the actor
   * @param cause what {@code preStart} threw
   */
  public SpawnException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A spawn refused before the actor started (a taken name, a closed node).
   *
   * @param message what went wrong, naming the actor
   */
  public SpawnException(String message) {
    super(message);
  }
}
