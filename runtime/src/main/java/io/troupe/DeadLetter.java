package io.troupe;

import java.util.Objects;

/**
 * A message that an actor accepted (its {@code cast} returned normally) but never handled, because
 * the actor ended first: a {@code stop} or {@code kill} drops what is still queued, and so does a
 * failure. Dead letters are counted per node and handed to the node's dead-letter listeners ({@link
 * Node#deadLetters()}); they are also logged at DEBUG under the logger {@code
 * io.troupe.deadletters}.
 *
 * <p>A call's request that becomes a dead letter also fails its call at once with {@code
 * SenderError}.
 *
 * @param target the actor the message was sent to
 * @param message the message as it was sent
 * @param reason why the actor never handled it
 */
public record DeadLetter(ActorRef<?> target, Object message, Reason reason) {

  /** Why a message was never handled. */
  public enum Reason {
    /**
     * The actor was stopped (or its drain was taken over by a stop) before reaching the message.
     */
    STOPPED,
    /** The actor was killed before reaching the message. */
    KILLED,
    /** The actor failed (a hook threw) before reaching the message. */
    FAILED
  }

  /** Creates a dead letter; every component is required. */
  public DeadLetter {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(reason, "reason");
  }
}
