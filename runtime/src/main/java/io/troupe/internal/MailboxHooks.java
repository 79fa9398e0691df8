package io.troupe.internal;

/**
 * Internal tuning an actor behaviour can opt into by implementing this interface (not exported: for
 * the runtime's own actors, such as a factory's workers). Actors that do not implement it behave as
 * before.
 */
public interface MailboxHooks {
  /**
   * Called on the actor's thread when its message lane is empty after it handled at least one
   * message since the last call, before its burst ends. An exception ends the actor as a failed
   * handler would.
   */
  void mailboxEmptied();
}
