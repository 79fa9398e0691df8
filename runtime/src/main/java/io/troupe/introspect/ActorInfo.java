package io.troupe.introspect;

import io.troupe.ActorId;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one live actor of a node, from {@link io.troupe.Node#actors()} or {@link
 * io.troupe.Node#actor(ActorId)}. Each field is read on its own while the actor runs, so a snapshot
 * is consistent per field, not as a whole.
 *
 * @param ref the actor's ref
 * @param name the name it was registered under at spawn, if any
 * @param status its status when the snapshot was taken
 * @param supervisor its supervisor, if it has one (maybe an actor of another node)
 * @param children its live children (maybe actors of other nodes)
 * @param mailboxDepth how many user messages were queued and not yet taken for handling
 * @param messageType the message class it declares, when the runtime knows it
 * @param behaviour the class name of its behaviour (its {@link io.troupe.Actor})
 */
public record ActorInfo(
    ActorRef<?> ref,
    Optional<String> name,
    ActorStatus status,
    Optional<ActorRef<?>> supervisor,
    List<ActorRef<?>> children,
    long mailboxDepth,
    Optional<Class<?>> messageType,
    String behaviour) {

  /**
   * Checks the fields and copies {@code children}.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if {@code mailboxDepth} is negative
   */
  public ActorInfo {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(supervisor, "supervisor");
    children = List.copyOf(children);
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(behaviour, "behaviour");
    if (mailboxDepth < 0) {
      throw new IllegalArgumentException("mailboxDepth is negative: " + mailboxDepth);
    }
  }

  /**
   * The actor's id.
   *
   * @return {@code ref().id()}
   */
  public ActorId id() {
    return ref.id();
  }
}
