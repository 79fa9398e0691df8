package io.troupe.cluster;

import io.troupe.MessagingException;

/**
 * A message to a remote actor was not sent because the outbox toward its node stayed full for
 * longer than {@link NodeConfig#outboxWait()}: the network or the peer takes messages more slowly
 * than this node produces them. Nothing was written; the session stays up, and the message is
 * available from {@link #undelivered()}. See {@link NodeConfig.Builder#outbox}.
 */
public final class PeerBusyException extends MessagingException {
  private static final long serialVersionUID = 1L;

  /**
   * A send refused because the outbox stayed full.
   *
   * @param message what happened, naming the peer
   * @param undelivered the message that was not sent
   */
  public PeerBusyException(String message, Object undelivered) {
    super(message, undelivered);
  }
}
