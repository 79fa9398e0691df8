package io.troupe.internal.cluster;

import io.troupe.internal.ActorCell;
import io.troupe.internal.MpscQueue;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Inbound back-pressure for one session: the bytes of the peer's casts and calls that wait in this
 * node's mailboxes, not yet taken by their actors. The session's reader stops reading while they
 * are over the bound, so TCP pushes back on the peer, whose outbox then fills and refuses with
 * {@code PeerBusyException}. Reader thread only.
 *
 * <p>Each delivery is remembered with its place in the target's mailbox (the mailbox's offer count
 * just after it, at or past its index) and counts until the actor took that many; an actor that
 * ended releases all of its deliveries.
 */
final class InboundBudget {
  /** What a message costs beyond its frame: the decoded object, the mailbox slot, this record. */
  static final int OVERHEAD_BYTES = 64;

  private record Delivery(long place, int bytes) {}

  private final Map<ActorCell<?, ?, ?>, ArrayDeque<Delivery>> byActor = new IdentityHashMap<>();
  private long queuedBytes;

  /** Notes a message of {@code frameBytes} just queued on {@code cell}. */
  void delivered(ActorCell<?, ?, ?> cell, int frameBytes) {
    MpscQueue<?> mailbox = cell.mailbox();
    int bytes = frameBytes + OVERHEAD_BYTES;
    byActor
        .computeIfAbsent(cell, c -> new ArrayDeque<>())
        .add(new Delivery(mailbox.claimed(), bytes));
    queuedBytes += bytes;
  }

  /** The bytes still waiting, after forgetting those their actors took. */
  long queuedBytes() {
    for (Iterator<Map.Entry<ActorCell<?, ?, ?>, ArrayDeque<Delivery>>> it =
            byActor.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<ActorCell<?, ?, ?>, ArrayDeque<Delivery>> e = it.next();
      ArrayDeque<Delivery> waiting = e.getValue();
      boolean ended = e.getKey().exitFuture().isDone();
      long taken = e.getKey().mailbox().taken();
      while (!waiting.isEmpty() && (ended || waiting.peekFirst().place() <= taken)) {
        queuedBytes -= waiting.pollFirst().bytes();
      }
      if (waiting.isEmpty()) {
        it.remove();
      }
    }
    return queuedBytes;
  }
}
