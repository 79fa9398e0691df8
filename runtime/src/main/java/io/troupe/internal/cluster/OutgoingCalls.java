package io.troupe.internal.cluster;

import io.troupe.rpc.CallFailure;
import io.troupe.rpc.RpcReplyPort;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls this node sent on one session and that wait for their answers, by tag. Tags are the
 * session's own: an answer is looked up only among the calls of the session it came on, so no other
 * peer can complete (or spoil) them, and they all fail when the session ends.
 */
final class OutgoingCalls {
  /** A call waiting for its answer. */
  record Pending(RemoteActorRef<?> target, String variant, RpcReplyPort<Object> port) {}

  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong tags = new AtomicLong();
  private volatile boolean ended;

  /** Why the session ended, for the calls that fail with it. */
  private volatile String endedBecause = "the session ended";

  /** A fresh tag for a call about to be sent. */
  long nextTag() {
    return tags.incrementAndGet();
  }

  /** Waits for the answer to {@code tag}; fails the call at once if the session has ended. */
  void await(long tag, Pending call) {
    pending.put(tag, call);
    call.port().result().whenComplete((r, e) -> pending.remove(tag, call));
    if (ended && pending.remove(tag, call)) {
      failDisconnected(call);
    }
  }

  /** Forgets a call that was not sent after all. */
  void forget(long tag) {
    pending.remove(tag);
  }

  /**
   * The call the answer with {@code tag} completes, taken off the list; null if none waits (it
   * timed out, or never was).
   */
  Pending take(long tag) {
    return pending.remove(tag);
  }

  /**
   * The session ended: no answer can come now, every waiting call fails with {@code
   * NODE_DISCONNECTED}.
   *
   * @param why the session's end, for the calls' detail (names the node and the reason)
   */
  void failAll(String why) {
    endedBecause = why;
    ended = true;
    for (Long tag : pending.keySet()) {
      Pending call = pending.remove(tag);
      if (call != null) {
        failDisconnected(call);
      }
    }
  }

  private void failDisconnected(Pending call) {
    call.port()
        .fail(
            CallFailure.NODE_DISCONNECTED,
            "call "
                + call.variant()
                + " to remote actor "
                + call.target().id()
                + " got no answer: "
                + endedBecause);
  }
}
