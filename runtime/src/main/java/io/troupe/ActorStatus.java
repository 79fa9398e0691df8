package io.troupe;

/** Where an actor is in its life. Status only moves forward, in declaration order. */
public enum ActorStatus {
  /** Created, {@code preStart} not yet running. */
  UNSTARTED,
  /** {@code preStart} or {@code postStart} running. */
  STARTING,
  /** Handling messages. */
  RUNNING,
  /** Reserved for hot upgrades; not entered by this version. */
  UPGRADING,
  /** Refusing new messages, processing the ones already admitted, then stopping. */
  DRAINING,
  /** Running its stop sequence; messages are refused. */
  STOPPING,
  /** Gone: every resource released, waiters released. */
  STOPPED;

  /**
   * Whether an actor in this status admits new messages.
   *
   * @return true up to {@link #RUNNING}, false from {@link #DRAINING} on
   */
  public boolean acceptsMessages() {
    return compareTo(RUNNING) <= 0;
  }
}
