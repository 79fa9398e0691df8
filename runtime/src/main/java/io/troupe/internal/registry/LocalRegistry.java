package io.troupe.internal.registry;

import io.troupe.ActorRef;
import io.troupe.SpawnException;
import io.troupe.internal.ActorCell;
import io.troupe.registry.Registry;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A node's registry of names. */
public final class LocalRegistry implements Registry {

  private final ConcurrentHashMap<String, ActorRef<?>> names = new ConcurrentHashMap<>();

  /**
   * Claims {@code name} for the actor being spawned.
   *
   * @throws SpawnException if the name is taken
   */
  public void register(String name, ActorRef<?> actor) {
    ActorRef<?> existing = names.putIfAbsent(name, actor);
    if (existing != null) {
      throw new SpawnException(
          "the name '" + name + "' is already registered to " + existing + "; pick another name or stop that actor first");
    }
  }

  /** Releases the name of a stopped actor (only if it still refers to that actor). */
  public void unregister(ActorCell<?, ?, ?> cell) {
    cell.name().ifPresent(n -> names.remove(n, cell.ref()));
  }

  @Override
  public Optional<ActorRef<?>> whereIs(String name) {
    return Optional.ofNullable(names.get(name));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <M> Optional<ActorRef<M>> whereIs(String name, Class<M> messageType) {
    ActorRef<?> ref = names.get(name);
    if (ref == null) {
      return Optional.empty();
    }
    // Where the actor's message class is known it must accept messageType; where it is not
    // (a lambda-built behaviour) the caller's word is taken.
    boolean compatible = ref.messageType().map(t -> t.isAssignableFrom(messageType)).orElse(true);
    return compatible ? Optional.of((ActorRef<M>) ref) : Optional.empty();
  }

  @Override
  public Set<String> registered() {
    return Set.copyOf(names.keySet());
  }

  @Override
  public void monitor(ActorRef<?> watcher) {
    throw new UnsupportedOperationException("registry monitoring is not implemented yet");
  }

  @Override
  public void demonitor(ActorRef<?> watcher) {
    throw new UnsupportedOperationException("registry monitoring is not implemented yet");
  }
}
