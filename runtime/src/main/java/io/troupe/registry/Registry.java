package io.troupe.registry;

import io.troupe.ActorRef;
import java.util.Optional;
import java.util.Set;

/**
 * A node's names. A name given at spawn registers the actor; it is released when the actor stops
 * (gracefully, by failure or by kill) before anyone waiting on the actor's exit is released.
 */
public interface Registry {
  /**
   * The actor registered under {@code name}.
   *
   * @param name the name
   * @return the actor, or empty if none has that name
   */
  Optional<ActorRef<?>> whereIs(String name);

  /**
   * The actor registered under {@code name}, if it handles {@code messageType}.
   *
   * @param name the name
   * @param messageType the message type the caller expects
   * @param <M> that type
   * @return the actor, or empty if none has that name or its message type differs
   */
  <M> Optional<ActorRef<M>> whereIs(String name, Class<M> messageType);

  /**
   * A snapshot of the registered names.
   *
   * @return the names registered now
   */
  Set<String> registered();

  /**
   * {@code watcher} receives a {@code PidLifecycleEvent} for every later (un)registration.
   *
   * @param watcher the actor to tell
   */
  void monitor(ActorRef<?> watcher);

  /**
   * Stops sending registry events to {@code watcher}.
   *
   * @param watcher the actor to stop telling
   */
  void demonitor(ActorRef<?> watcher);
}
