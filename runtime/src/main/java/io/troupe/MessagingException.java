package io.troupe;

/**
 * A message could not be delivered because the target no longer accepts messages (it is draining,
 * stopping or stopped), or, for subclasses such as {@code
 * io.troupe.cluster.FrameTooLargeException}, because it could not be sent. The message was not
 * delivered and is available from {@link #undelivered()}.
 */
public class MessagingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Object undelivered;

  /**
   * A failed delivery with nothing handed back.
   *
   * @param message what went wrong, for the user
   */
  public MessagingException(String message) {
    this(message, null);
  }

  /**
   * A failed delivery handing the message back.
   *
   * @param message what went wrong, for the user
   * @param undelivered the message that was not delivered, or null
   */
  public MessagingException(String message, Object undelivered) {
    super(message);
    this.undelivered = undelivered;
  }

  /**
   * The message that was not delivered.
   *
   * @return the message handed back, or {@code null} when there was none
   */
  public Object undelivered() {
    return undelivered;
  }
}
