package io.troupe.cluster;

import io.troupe.MessagingException;

/**
 * A message to a remote actor was not sent because its frame would exceed the largest frame the
 * session allows: the smaller of this node's {@link NodeConfig#maxFrameBytes()} and the one the
 * peer announced. Nothing was written and the session stays up; the message is available from
 * {@link #undelivered()} when there was one.
 */
public final class FrameTooLargeException extends MessagingException {
  private static final long serialVersionUID = 1L;

  /** The size of the frame body that would have been sent, in bytes. */
  private final int frameBytes;

  /** The largest frame body the session allows, in bytes. */
  private final int limitBytes;

  /**
   * A message too large for the session.
   *
   * @param message what was refused and why
   * @param frameBytes the size of the frame body that would have been sent, in bytes
   * @param limitBytes the largest frame body the session allows, in bytes
   * @param undelivered the message that was not sent, or null when there is none
   */
  public FrameTooLargeException(
      String message, int frameBytes, int limitBytes, Object undelivered) {
    super(message, undelivered);
    this.frameBytes = frameBytes;
    this.limitBytes = limitBytes;
  }

  /**
   * The size of the frame body that would have been sent.
   *
   * @return the frame body's size in bytes, larger than {@link #limitBytes()}
   */
  public int frameBytes() {
    return frameBytes;
  }

  /**
   * The largest frame body the session allows.
   *
   * @return the limit in bytes
   */
  public int limitBytes() {
    return limitBytes;
  }
}
