package io.troupe.cluster;

/**
 * A cluster operation failed: a connection could not be made or authenticated, or a listen failed.
 */
public final class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A failed cluster operation.
   *
   * @param message what happened, for the user
   */
  public ClusterException(String message) {
    super(message);
  }

  /**
   * A cluster operation that failed because of {@code cause}.
   *
   * @param message what happened, for the user
   * @param cause the underlying failure
   */
  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
