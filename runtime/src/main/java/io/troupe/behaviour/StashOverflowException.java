package io.troupe.behaviour;

/**
 * A {@link Stash} (or a state machine's postponed messages) is full: the message in hand was not
 * stashed. Uncaught, it fails the actor like any exception from a handler.
 */
public final class StashOverflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The message that did not fit (not serialized: messages need not be serializable). */
  private final transient Object refused;

  /** The capacity that was reached. */
  private final int capacity;

  /**
   * Creates the exception.
   *
   * @param refused the message that did not fit
   * @param capacity the capacity that was reached
   */
  public StashOverflowException(Object refused, int capacity) {
    super("stash full (" + capacity + " messages): " + refused);
    this.refused = refused;
    this.capacity = capacity;
  }

  /**
   * The message that did not fit; it is in neither the stash nor the mailbox.
   *
   * @return the refused message
   */
  public Object refused() {
    return refused;
  }

  /**
   * The capacity that was reached.
   *
   * @return the capacity
   */
  public int capacity() {
    return capacity;
  }
}
