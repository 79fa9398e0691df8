package io.troupe.internal.registry;

import io.troupe.ActorRef;
import io.troupe.SpawnException;
import io.troupe.internal.SupervisionSink;
import io.troupe.registry.Registry;
import io.troupe.registry.RegistryEvent;
import io.troupe.supervision.SupervisionEvent;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A node's registry of names, and the actors watching it. Registration happens at spawn;
 * unregistration when the actor ends, before its exit waiters are released.
 */
public final class LocalRegistry implements Registry {

  private final ConcurrentHashMap<String, ActorRef<?>> names = new ConcurrentHashMap<>();

  /** Names other nodes advertise (the cluster keeps them): consulted after this node's own. */
  private final ConcurrentHashMap<String, ActorRef<?>> remoteNames = new ConcurrentHashMap<>();

  private final Set<ActorRef<?>> watchers = new CopyOnWriteArraySet<>();
  private final java.util.List<java.util.function.Consumer<RegistryEvent>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Extension point for the cluster: observe this node's own registrations and releases.
   *
   * @param listener told of each change
   * @return closing it removes the listener
   */
  public AutoCloseable addListener(java.util.function.Consumer<RegistryEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** A name another node advertises for one of its actors (a remote ref). */
  public void registerRemote(String name, ActorRef<?> remote) {
    remoteNames.put(name, remote);
  }

  /** Forgets a remote name, if it still refers to {@code remote}. */
  public void unregisterRemote(String name, ActorRef<?> remote) {
    remoteNames.remove(name, remote);
  }

  /**
   * Claims {@code name} for the actor being spawned and tells the watchers.
   *
   * @throws SpawnException if the name is taken
   */
  public void register(String name, ActorRef<?> actor) {
    ActorRef<?> existing = names.putIfAbsent(name, actor);
    if (existing != null) {
      throw new SpawnException(
          "the name '"
              + name
              + "' is already registered to "
              + existing
              + "; pick another name or stop that actor first");
    }
    publish(new RegistryEvent.Registered(name, actor));
  }

  /**
   * Releases the name of a stopped actor (only if it still refers to that actor), and forgets it as
   * a watcher.
   *
   * @param actor the actor that stopped
   * @param name the name it was spawned under, if any
   */
  public void unregister(ActorRef<?> actor, Optional<String> name) {
    watchers.remove(actor);
    name.ifPresent(
        n -> {
          if (names.remove(n, actor)) {
            publish(new RegistryEvent.Unregistered(n, actor));
          }
        });
  }

  private void publish(RegistryEvent event) {
    listeners.forEach(l -> l.accept(event));
    if (watchers.isEmpty()) {
      return;
    }
    SupervisionEvent wrapped = new SupervisionEvent.PidLifecycleEvent(event);
    for (ActorRef<?> watcher : watchers) {
      if (watcher instanceof SupervisionSink sink) {
        sink.deliverSupervision(wrapped);
      }
    }
  }

  /** This node's actor of that name, else another node's (a remote ref), else empty. */
  @Override
  public Optional<ActorRef<?>> whereIs(String name) {
    ActorRef<?> local = names.get(name);
    return Optional.ofNullable(local != null ? local : remoteNames.get(name));
  }

  /** This node's own names with their actors, a snapshot (for the cluster's sync). */
  public java.util.Map<String, ActorRef<?>> localNames() {
    return java.util.Map.copyOf(names);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <M> Optional<ActorRef<M>> whereIs(String name, Class<M> messageType) {
    ActorRef<?> ref = whereIs(name).orElse(null);
    if (ref == null) {
      return Optional.empty();
    }
    // Where the actor's message class is known it must accept messageType; where it is not
    // (a lambda-built behaviour) the caller's word is taken.
    boolean compatible = ref.messageType().map(t -> t.isAssignableFrom(messageType)).orElse(true);
    return compatible ? Optional.of((ActorRef<M>) ref) : Optional.empty();
  }

  /** This node's names and the names connected nodes advertise. */
  @Override
  public Set<String> registered() {
    Set<String> all = new java.util.HashSet<>(names.keySet());
    all.addAll(remoteNames.keySet());
    return Set.copyOf(all);
  }

  /**
   * {@code watcher} receives {@code PidLifecycleEvent}s for later registrations and releases; a
   * stopped watcher is forgotten.
   */
  @Override
  public void monitor(ActorRef<?> watcher) {
    if (watcher.status().acceptsMessages()) {
      watchers.add(watcher);
    }
  }

  @Override
  public void demonitor(ActorRef<?> watcher) {
    watchers.remove(watcher);
  }
}
