package io.troupe.generated;

import io.troupe.ActorRef;
import java.util.Objects;
import java.util.Optional;

/** For generated code only: what every generated facade's {@code from} does. */
public final class Facades {
  private Facades() {}

  /**
   * {@code ref} as a ref of {@code messageInterface}, checked where the runtime knows the actor's
   * message type (a local actor, or a remote one whose type was advertised). The cast to {@code
   * ActorRef<M>} is unchecked, like any cast to a generic type.
   *
   * @param <M> the message type (the interface, with its type arguments for a generic one)
   * @param ref a ref whose message type is not known statically
   * @param messageInterface the facade's message interface
   * @return {@code ref}
   * @throws IllegalArgumentException if the actor is known to handle another message type
   * @throws NullPointerException if {@code ref} is null
   */
  @SuppressWarnings("unchecked")
  public static <M> ActorRef<M> accepting(ActorRef<?> ref, Class<?> messageInterface) {
    Objects.requireNonNull(ref, "ref");
    Optional<Class<?>> handled = ref.messageType();
    if (handled.isPresent() && !handled.get().isAssignableFrom(messageInterface)) {
      throw new IllegalArgumentException(
          "actor "
              + ref
              + " handles "
              + handled.get().getName()
              + ", not "
              + messageInterface.getName());
    }
    return (ActorRef<M>) ref;
  }
}
