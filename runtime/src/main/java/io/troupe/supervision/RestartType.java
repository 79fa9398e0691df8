package io.troupe.supervision;

/**
 * When a {@link Supervisor} restarts a child that ended, as OTP's {@code restart} field of a child
 * specification.
 */
public enum RestartType {
  /** Always restarted, however it ended (a graceful stop included). */
  PERMANENT,
  /**
   * Restarted only when it ended abnormally: a hook threw ({@code ActorFailed}) or it was killed. A
   * graceful stop (or a drain) ends it for good.
   */
  TRANSIENT,
  /** Never restarted; its specification is forgotten when it ends. */
  TEMPORARY;

  /**
   * Whether a child of this type is restarted after an end.
   *
   * @param abnormal true if the child failed or was killed
   * @return true if it is to be restarted
   */
  public boolean restarts(boolean abnormal) {
    return switch (this) {
      case PERMANENT -> true;
      case TRANSIENT -> abnormal;
      case TEMPORARY -> false;
    };
  }
}
