package io.troupe.internal.cluster;

import java.io.IOException;

/**
 * The peer broke the protocol (bad frame, oversized frame, unexpected message): its session ends.
 */
public final class ProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  public ProtocolException(String message) {
    super(message);
  }

  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
