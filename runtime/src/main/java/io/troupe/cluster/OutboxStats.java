package io.troupe.cluster;

/**
 * What waits to be written to one peer now, from {@link Cluster#outboxes()}: the session's outbound
 * queue and how full its two bounds are.
 *
 * <p>Casts and calls take room in a bounded outbox ({@link NodeConfig#outboxBytes()}); one that
 * finds none waits up to {@link NodeConfig#outboxWait()} and then fails with {@link
 * PeerBusyException}, nothing sent. Answers, pongs and name updates are never held back, but past
 * their own bound ({@link NodeConfig#controlOutboxBytes()}) the session closes as {@link
 * DisconnectCause#PEER_NOT_READING}. A peer that reads slowly shows here first.
 *
 * @param peer the peer
 * @param queuedFrames messages of every kind queued for the peer and not yet written
 * @param messageBytes the room casts and calls queued take in the outbox (each its frame and a few
 *     bytes of framing), at most {@code messageLimit}
 * @param messageLimit the outbox's bound, {@link NodeConfig#outboxBytes()}
 * @param controlBytes bytes of answers, pongs and updates queued
 * @param controlLimit their bound, {@link NodeConfig#controlOutboxBytes()}
 */
public record OutboxStats(
    PeerInfo peer,
    int queuedFrames,
    long messageBytes,
    long messageLimit,
    long controlBytes,
    long controlLimit) {

  /**
   * How full the outbox of casts and calls is.
   *
   * @return {@code messageBytes / messageLimit}, from 0 (empty) to 1 (senders wait or fail)
   */
  public double fill() {
    return messageLimit <= 0 ? 0 : (double) messageBytes / messageLimit;
  }
}
