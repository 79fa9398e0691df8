package io.troupe.registry;

import io.troupe.ActorRef;

/** A change in a node's registry of names. */
public sealed interface RegistryEvent {
  /**
   * The name now refers to the actor.
   *
   * @param name the registered name
   * @param actor the actor it names
   */
  record Registered(String name, ActorRef<?> actor) implements RegistryEvent {}

  /**
   * The name was released because the actor stopped.
   *
   * @param name the released name
   * @param actor the actor it named
   */
  record Unregistered(String name, ActorRef<?> actor) implements RegistryEvent {}
}
