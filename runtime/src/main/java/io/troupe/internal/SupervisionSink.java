package io.troupe.internal;

import io.troupe.supervision.SupervisionEvent;

/**
 * Something that can receive supervision events: a local actor (on its supervision lane) or, for
 * the cluster, a proxy that forwards them. Every runtime-made {@link io.troupe.ActorRef} is one.
 */
public interface SupervisionSink {
  /** Queues {@code event} on the supervision lane; does nothing if the receiver has stopped. */
  void deliverSupervision(SupervisionEvent event);
}
