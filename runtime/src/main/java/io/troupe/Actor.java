package io.troupe;

import io.troupe.supervision.SupervisionEvent;

/**
 * The behaviour of an actor: a set of hooks the runtime calls, one at a time, on a virtual thread.
 *
 * <p>The object implementing this interface is the actor's read-only definition (its
 * configuration); the mutable part lives in the state {@code S} that {@link #preStart} creates and
 * every later hook receives and returns. Hooks never run concurrently for one actor, so the state
 * needs no locking.
 *
 * <p>Failure: an exception from {@link #preStart} makes the spawn fail with a {@link
 * SpawnException} and leaves nothing of the actor behind. An exception from any later hook stops
 * the actor as <em>failed</em> (without running {@link #postStop}): its supervisor and monitors
 * receive {@link io.troupe.supervision.SupervisionEvent.ActorFailed} carrying the exception.
 *
 * @param <M> the message type the actor handles
 * @param <S> the actor's state
 * @param <A> the start-up arguments given to {@code spawn}
 */
public interface Actor<M, S, A> {

  /**
   * Creates the initial state. {@code spawn} returns only after this hook returned; if it throws,
   * {@code spawn} throws {@link SpawnException} with the exception as its cause.
   *
   * @param self this actor's ref, to send to itself, spawn linked children or start timers
   * @param args the start-up arguments given to {@code spawn}
   * @return the initial state, handed to the next hook
   * @throws Exception anything: the spawn fails with {@link SpawnException}
   */
  S preStart(ActorRef<M> self, A args) throws Exception;

  /**
   * Runs after {@code spawn} returned, before the first message.
   *
   * @param self this actor's ref
   * @param state the state {@link #preStart} returned
   * @return the state for the first message
   * @throws Exception anything: the actor stops as failed
   */
  default S postStart(ActorRef<M> self, S state) throws Exception {
    return state;
  }

  /**
   * Handles one message and returns the next state.
   *
   * @param self this actor's ref
   * @param message the message, never null
   * @param state the current state
   * @return the state for the next hook
   * @throws Exception anything: the actor stops as failed, its supervisor and monitors told
   */
  default S handle(ActorRef<M> self, M message, S state) throws Exception {
    return state;
  }

  /**
   * Handles a lifecycle event of a child (or of an actor this one monitors), or a registry or
   * process-group notification. The default stops this actor when one of its own children
   * terminates or fails, and ignores everything else (monitored actors included).
   *
   * @param self this actor's ref
   * @param event what happened, to which actor
   * @param state the current state
   * @return the state for the next hook
   * @throws Exception anything: the actor stops as failed
   */
  default S handleSupervisorEvent(ActorRef<M> self, SupervisionEvent event, S state)
      throws Exception {
    switch (event) {
      case SupervisionEvent.ActorTerminated t when isChildOf(t.actor(), self) ->
          self.stop("child " + t.actor() + " terminated");
      case SupervisionEvent.ActorFailed f when isChildOf(f.actor(), self) ->
          self.stop("child " + f.actor() + " failed: " + f.error());
      default -> {}
    }
    return state;
  }

  /**
   * Runs once when the actor stops gracefully ({@code stop}, {@code drain}). It does not run when
   * the actor is killed or when a hook failed. If it throws, the actor ends as failed.
   *
   * @param self this actor's ref, which no longer accepts messages
   * @param state the last state
   * @throws Exception anything: the actor ends as failed instead of stopped
   */
  default void postStop(ActorRef<M> self, S state) throws Exception {}

  private static boolean isChildOf(ActorRef<?> actor, ActorRef<?> self) {
    return actor.supervisor().map(self::equals).orElse(false);
  }
}
