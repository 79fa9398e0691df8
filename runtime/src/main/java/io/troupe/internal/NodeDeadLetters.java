package io.troupe.internal;

import io.troupe.ActorRef;
import io.troupe.DeadLetter;
import io.troupe.DeadLetters;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A node's dead-letter count and listeners. Thread-safe; reporting costs nothing without listeners.
 */
final class NodeDeadLetters implements DeadLetters {

  private static final System.Logger LOG = System.getLogger("io.troupe.deadletters");

  private final LongAdder count = new LongAdder();
  private final List<Consumer<? super DeadLetter>> listeners = new CopyOnWriteArrayList<>();

  @Override
  public long count() {
    return count.sum();
  }

  @Override
  public Subscription subscribe(Consumer<? super DeadLetter> listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Reports one message {@code target} accepted and will never handle. */
  void report(ActorRef<?> target, Object message, DeadLetter.Reason reason) {
    count.increment();
    boolean debug = LOG.isLoggable(System.Logger.Level.DEBUG);
    if (!debug && listeners.isEmpty()) {
      return;
    }
    DeadLetter letter = new DeadLetter(target, message, reason);
    if (debug) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "dead letter to " + target + " (" + reason + "): " + message.getClass().getName());
    }
    for (Consumer<? super DeadLetter> listener : listeners) {
      try {
        listener.accept(letter);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "dead-letter listener threw", e);
      }
    }
  }
}
