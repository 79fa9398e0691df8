package io.troupe.rpc;

/**
 * Why a call ended without an answer ({@link CallResult.SenderError#reason()}, {@link
 * CallFailedException#reason()}). The detail text beside it says more (which actor, which error).
 */
public enum CallFailure {
  /** The actor stopped, was killed, or dropped the reply port before answering. */
  ACTOR_STOPPED,
  /** The actor failed (its handler threw) before answering; the detail names the error. */
  ACTOR_FAILED,
  /**
   * The actor's node does not know the call's variant (its message type differs from this node's).
   */
  UNKNOWN_VARIANT,
  /** The actor's node could not decode the call's arguments. */
  NOT_DECODABLE,
  /** The answer could not be encoded on the actor's node; the detail says why. */
  ANSWER_NOT_ENCODABLE,
  /** The encoded answer was larger than the session's frame limit. */
  ANSWER_TOO_LARGE,
  /** The session to the actor's node ended (or there was none) before the answer came. */
  NODE_DISCONNECTED,
  /** The actor's node has no live actor of that id that it advertised to this node. */
  TARGET_NOT_ADVERTISED,
  /** The actor's node refused the call: too many calls of this node wait for answers there. */
  REFUSED,
  /** The actor's node gave up waiting for the actor's answer (its own cap on call timeouts). */
  REMOTE_TIMEOUT,
  /** The caller's thread was interrupted while it waited. */
  INTERRUPTED
}
