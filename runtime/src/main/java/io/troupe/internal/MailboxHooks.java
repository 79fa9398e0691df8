package io.troupe.internal;

/**
 * Internal tuning an actor behaviour can opt into by implementing this interface (not exported: for
 * the runtime's own actors, such as a factory and its workers). Actors that do not implement it
 * behave as before. Like every hook of {@link io.troupe.Actor}, it receives the actor's state and
 * returns the state to keep, so the behaviour object stays read-only configuration.
 *
 * @param <S> the actor's state type, as in {@code Actor<M, S, A>}
 */
public interface MailboxHooks<S> {
  /**
   * Called on the actor's thread when its message lane is empty after it handled at least one
   * message since the last call, before its burst ends. An exception ends the actor as a failed
   * handler would.
   *
   * @param state the actor's state
   * @return the state to keep
   * @throws Exception to fail the actor
   */
  S mailboxEmptied(S state) throws Exception;
}
