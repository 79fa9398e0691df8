package io.troupe.cluster;

/** A cluster operation failed: a connection could not be made or authenticated, or a listen failed. */
public final class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
