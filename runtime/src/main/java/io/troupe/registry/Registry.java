package io.troupe.registry;

import io.troupe.ActorRef;
import java.util.Optional;
import java.util.Set;

/**
 * A node's names. A name given at spawn registers the actor; it is released when the actor stops
 * (gracefully, by failure or by kill) before anyone waiting on the actor's exit is released.
 */
public interface Registry {
  /** The actor registered under {@code name}, if any. */
  Optional<ActorRef<?>> whereIs(String name);

  /** The actor registered under {@code name}, if any and if it handles {@code messageType}. */
  <M> Optional<ActorRef<M>> whereIs(String name, Class<M> messageType);

  /** A snapshot of the registered names. */
  Set<String> registered();

  /** {@code watcher} receives a {@code PidLifecycleEvent} for every later (un)registration. */
  void monitor(ActorRef<?> watcher);

  /** Stops sending registry events to {@code watcher}. */
  void demonitor(ActorRef<?> watcher);
}
