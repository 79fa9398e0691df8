package io.troupe.cluster;

/**
 * The error in an {@code ActorFailed} event about an actor of another node: the failure itself
 * stayed on that node, so only its class name and message travel.
 */
public final class RemoteActorFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The binary class name of the error thrown on the actor's node. */
  private final String errorType;

  /**
   * The failure of a remote actor, as its node reported it.
   *
   * @param errorType the binary class name of the error thrown on the actor's node
   * @param message that error's message (may be empty)
   */
  public RemoteActorFailure(String errorType, String message) {
    super(
        errorType + (message == null || message.isEmpty() ? "" : ": " + message),
        null,
        false,
        false);
    this.errorType = errorType;
  }

  /**
   * What was thrown on the actor's node.
   *
   * @return the binary class name of the error
   */
  public String errorType() {
    return errorType;
  }
}
