package io.troupe.port;

import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.MessagingException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A publisher of values of type {@code T} that actors subscribe to, each converting the value into
 * its own message type. Thread-safe; publishing costs one cast per live subscriber.
 *
 * <p>A subscriber that has stopped is dropped the next time a value is sent, without an error.
 * Publishing with no subscribers is fine and does nothing.
 *
 * @param <T> the published value type
 */
public final class OutputPort<T> {

  private record Subscription<T, M>(
      ActorRef<M> receiver, Function<? super T, Optional<? extends M>> mapping) {
    /** Delivers if the mapping keeps the value; false if the receiver is gone. */
    boolean deliver(T value) {
      if (receiver.status() == ActorStatus.STOPPED) {
        return false;
      }
      Optional<? extends M> message = mapping.apply(value);
      if (message.isEmpty()) {
        return true;
      }
      try {
        receiver.cast(message.get());
        return true;
      } catch (MessagingException gone) {
        return receiver.status().acceptsMessages();
      }
    }
  }

  private final CopyOnWriteArrayList<Subscription<T, ?>> subscriptions =
      new CopyOnWriteArrayList<>();

  /** Creates a port with no subscribers. */
  public OutputPort() {}

  /**
   * Subscribes {@code receiver}: every later value is passed to {@code mapping}, and a present
   * result is cast to the receiver; an empty result skips this receiver for that value.
   *
   * @param receiver the subscribing actor
   * @param mapping turns a value into the receiver's message, or empty to skip it
   * @param <M> the receiver's messages
   */
  public <M> void subscribe(
      ActorRef<M> receiver, Function<? super T, Optional<? extends M>> mapping) {
    subscriptions.add(
        new Subscription<>(
            Objects.requireNonNull(receiver, "receiver"),
            Objects.requireNonNull(mapping, "mapping")));
  }

  /**
   * Removes every subscription of {@code receiver}.
   *
   * @param receiver the actor to unsubscribe
   */
  public void unsubscribe(ActorRef<?> receiver) {
    subscriptions.removeIf(s -> s.receiver().equals(receiver));
  }

  /**
   * Sends {@code value} to every live subscriber, in subscription order; drops stopped ones.
   *
   * @param value the value to publish
   */
  public void send(T value) {
    for (Subscription<T, ?> subscription : subscriptions) {
      if (!subscription.deliver(value)) {
        subscriptions.remove(subscription);
      }
    }
  }

  /**
   * The number of current subscriptions (stopped subscribers are counted until the next send).
   *
   * @return the count
   */
  public int subscriberCount() {
    return subscriptions.size();
  }
}
