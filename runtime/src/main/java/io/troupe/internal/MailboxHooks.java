package io.troupe.internal;

/**
 * Internal tuning an actor behaviour can opt into by implementing this interface (not exported:
 * for the runtime's own actors, such as a factory's workers). Actors that do not implement it
 * behave as before.
 */
public interface MailboxHooks {
  /**
   * Called on the actor's thread when its message lane is empty after it handled at least one
   * message since the last call, before the activation spins or parks. An exception ends the actor
   * as a failed handler would.
   */
  void mailboxEmptied();

  /**
   * How long an activation that handled something spins for more work before parking, in
   * nanoseconds (0: park at once). The default is the runtime's ({@code troupe.mailbox.spinMicros}).
   */
  default long spinNanos() {
    return ActorCell.SPIN_NANOS;
  }

  /**
   * True to yield the carrier thread ({@link Thread#yield()}) instead of spinning on it while
   * waiting for more work: an activation runs on a virtual thread, and one that spins keeps its
   * carrier from the other actors, which with few cores may be the very ones it waits for.
   */
  default boolean yieldWhileSpinning() {
    return false;
  }
}
