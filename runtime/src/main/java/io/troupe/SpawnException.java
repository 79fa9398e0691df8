package io.troupe;

/**
 * A spawn failed: {@code preStart} threw (the cause), the name is already taken, or the node is
 * closed. Nothing of the actor remains: no name, no group membership, no link.
 */
public final class SpawnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SpawnException(String message, Throwable cause) {
    super(message, cause);
  }

  public SpawnException(String message) {
    super(message);
  }
}
