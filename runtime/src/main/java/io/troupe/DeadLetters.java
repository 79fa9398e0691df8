package io.troupe;

import java.util.function.Consumer;

/**
 * A node's dead letters: messages its actors accepted but never handled (see {@link DeadLetter}).
 * Obtained from {@link Node#deadLetters()}.
 */
public interface DeadLetters {

  /**
   * How many dead letters this node has had since it was created.
   *
   * @return the count
   */
  long count();

  /**
   * Calls {@code listener} with every later dead letter of this node, on the thread of the actor
   * that is ending (keep it short; it must not block). A listener that throws is logged and kept.
   *
   * @param listener told of each dead letter
   * @return a handle whose {@link AutoCloseable#close()} removes the listener
   */
  Subscription subscribe(Consumer<? super DeadLetter> listener);

  /** Removes a dead-letter listener. */
  interface Subscription extends AutoCloseable {
    /** Removes the listener; later dead letters no longer reach it. Idempotent. */
    @Override
    void close();
  }
}
