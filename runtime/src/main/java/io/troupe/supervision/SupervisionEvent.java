package io.troupe.supervision;

import io.troupe.ActorRef;
import io.troupe.pg.GroupChange;
import io.troupe.registry.RegistryEvent;
import java.util.Optional;

/**
 * Lifecycle news delivered to supervisors and monitors, on the supervision lane (before user
 * messages, after stop and kill).
 */
public sealed interface SupervisionEvent {

  /**
   * A child (or monitored actor) finished starting.
   *
   * @param actor the actor
   */
  record ActorStarted(ActorRef<?> actor) implements SupervisionEvent {}

  /**
   * A child (or monitored actor) stopped gracefully or was killed.
   *
   * @param actor the actor
   * @param lastState the actor's final state, when it stopped gracefully
   * @param reason the stop reason, if one was given ({@code "killed"} for a kill)
   */
  record ActorTerminated(ActorRef<?> actor, Optional<Object> lastState, Optional<String> reason)
      implements SupervisionEvent {}

  /**
   * A child (or monitored actor) ended because a hook threw {@code error}.
   *
   * @param actor the actor
   * @param error what its hook threw
   */
  record ActorFailed(ActorRef<?> actor, Throwable error) implements SupervisionEvent {}

  /**
   * A process group this actor monitors changed.
   *
   * @param change who joined or left which group
   */
  record ProcessGroupChanged(GroupChange change) implements SupervisionEvent {}

  /**
   * A named actor was registered or unregistered on a registry this actor monitors.
   *
   * @param event the registration or unregistration
   */
  record PidLifecycleEvent(RegistryEvent event) implements SupervisionEvent {}
}
