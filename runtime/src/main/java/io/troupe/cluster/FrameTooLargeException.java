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

  private final int frameBytes;
  private final int limitBytes;

  public FrameTooLargeException(String message, int frameBytes, int limitBytes, Object undelivered) {
    super(message, undelivered);
    this.frameBytes = frameBytes;
    this.limitBytes = limitBytes;
  }

  /** The size of the frame body that would have been sent, in bytes. */
  public int frameBytes() {
    return frameBytes;
  }

  /** The largest frame body the session allows, in bytes. */
  public int limitBytes() {
    return limitBytes;
  }
}
