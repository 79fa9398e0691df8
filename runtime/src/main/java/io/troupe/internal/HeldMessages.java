package io.troupe.internal;

import io.troupe.ActorRef;
import java.util.List;
import java.util.Objects;

/**
 * INTERNAL API: messages a library behaviour holds for its actor outside the mailbox (a {@code
 * Stash}, a state machine's postponed messages). A holder registers with its actor; when the actor
 * ends (stop, kill, failure) whatever its holders still hold becomes dead letters, reported as the
 * mailbox's leftovers are and before them (they came first), and a restart in place takes them for
 * the new incarnation. Holders are called on the actor's own thread.
 */
public final class HeldMessages {
  private HeldMessages() {}

  /** Something that holds messages of one actor. */
  @FunctionalInterface
  public interface Holder {
    /**
     * Removes every message held.
     *
     * @return them, oldest first
     */
    List<?> takeAll();
  }

  /**
   * Registers {@code holder} with the actor {@code self}, for the rest of its life (or until {@link
   * #takeAll} takes it).
   *
   * @param self the actor, as its hooks receive it
   * @param holder what holds messages for it
   * @throws IllegalArgumentException if {@code self} is not the ref of an actor of this JVM
   */
  public static void register(ActorRef<?> self, Holder holder) {
    Objects.requireNonNull(holder, "holder");
    cellOf(self).addHolder(holder);
  }

  /**
   * Takes the messages of every holder registered with {@code self}, and forgets the holders (a
   * restart in place hands the messages to the new incarnation, whose holders register afresh).
   *
   * @param self the actor
   * @return the messages, holder by holder in registration order, each oldest first
   * @throws IllegalArgumentException if {@code self} is not the ref of an actor of this JVM
   */
  public static List<Object> takeAll(ActorRef<?> self) {
    return cellOf(self).takeHeld();
  }

  private static ActorCell<?, ?, ?> cellOf(ActorRef<?> self) {
    if (Objects.requireNonNull(self, "self") instanceof LocalActorRef<?> local) {
      return local.cell();
    }
    throw new IllegalArgumentException(
        "messages can be held only for an actor of this JVM, by its own ref (self): " + self);
  }
}
