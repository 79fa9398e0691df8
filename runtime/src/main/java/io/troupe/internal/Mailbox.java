package io.troupe.internal;

import io.troupe.supervision.SupervisionEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An actor's four lanes, taken highest first: kill and stop are flags in {@link #control}
 * (one-shot, so a flag is enough, and it costs one volatile read per message while clear),
 * supervision events and user messages are MPSC queues; one FIFO queue per lane gives per-sender
 * order.
 *
 * <p>Threads: any thread offers and requests; only the thread running the actor's burst polls.
 *
 * <p>Closing: the actor sets {@link #closed} (a volatile store) before it last reads the queue. A
 * sender that sees {@code closed} after queueing cannot know whether the consumer saw its message,
 * so it waits for the actor's exit and asks {@link #wasTaken}: a message never taken is handed back
 * to it. A message taken at the end without being handled is a dead letter.
 */
final class Mailbox {

  static final int KILL = 1;
  static final int STOP = 2;

  /** Marks the end of the admitted messages for a drain. */
  static final Object DRAIN_MARKER = new Object();

  private static final VarHandle CONTROL;
  private static final VarHandle STOP_REASON;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      CONTROL = l.findVarHandle(Mailbox.class, "control", int.class);
      STOP_REASON = l.findVarHandle(Mailbox.class, "stopReason", Optional.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final MpscQueue<Object> messages = new MpscQueue<>();
  private final MpscQueue<SupervisionEvent> supervision = new MpscQueue<>();

  @SuppressWarnings("unused") // through CONTROL
  private volatile int control;

  /** The first stop's reason, boxed (a reason may be null); set once, before the STOP flag. */
  @SuppressWarnings("unused") // through STOP_REASON
  private volatile Optional<String> stopReason;

  private volatile boolean closed;

  /** The messages claimed when the mailbox closed (consumer only): see {@link #sweep}. */
  private long claimedAtClose;

  /**
   * The user-message lane itself, for the cluster's inbound back-pressure (it reads offered/taken).
   */
  MpscQueue<Object> messages() {
    return messages;
  }

  /** Queues a user message; returns its index for {@link #wasTaken}. */
  long offer(Object message) {
    return messages.offer(message);
  }

  void offerSupervision(SupervisionEvent event) {
    supervision.offer(event);
  }

  void offerDrainMarker() {
    messages.offer(DRAIN_MARKER);
  }

  /** Sets the stop flag; true for the first stop only (whose reason is the one kept). */
  boolean requestStop(String reason) {
    if (STOP_REASON.compareAndSet(this, null, Optional.ofNullable(reason))) {
      CONTROL.getAndBitwiseOr(
          this, STOP); // after the reason: whoever sees the flag sees the reason
      return true;
    }
    return false;
  }

  /** Sets the kill flag; true for the first kill only. */
  boolean requestKill() {
    return ((int) CONTROL.getAndBitwiseOr(this, KILL) & KILL) == 0;
  }

  /** The control flags: {@link #KILL}, {@link #STOP}, or 0. */
  int control() {
    return (int) CONTROL.getVolatile(this);
  }

  boolean killed() {
    return (control() & KILL) != 0;
  }

  String stopReason() {
    @SuppressWarnings("unchecked")
    Optional<String> reason = (Optional<String>) STOP_REASON.getVolatile(this);
    return reason == null ? null : reason.orElse(null);
  }

  SupervisionEvent pollSupervision() {
    return supervision.poll();
  }

  Object poll() {
    return messages.poll();
  }

  /** The next message, waiting for a producer that has claimed its slot; null when truly empty. */
  Object pollSpinning() {
    return messages.pollSpinning();
  }

  /** True if a lane has something (consumer only; a claimed but unstored message counts). */
  boolean hasWork() {
    return control() != 0 || !supervision.isEmpty() || !messages.isEmpty();
  }

  /** Closes the mailbox (consumer only; the first call counts). */
  void close() {
    if (!closed) {
      closed = true; // volatile store, then the queue is read: see the class comment
      claimedAtClose = messages.claimed();
    }
  }

  boolean isClosed() {
    return closed;
  }

  /** See {@link MpscQueue#wasTaken}: only after the actor's exit. */
  boolean wasTaken(long index) {
    return messages.wasTaken(index);
  }

  /**
   * Takes every message queued before the mailbox closed and not handled, and hands each to {@code
   * sink}. NOTE: a message claimed after the close is left alone: its sender read {@code closed}
   * after claiming, so it waits for the exit, finds its message not taken and gets it back in a
   * {@code MessagingException}, which is better than a dead letter. A message claimed before may
   * have had a sender that returned normally, so it must be reported.
   */
  void sweep(Consumer<Object> sink) {
    for (Object message; (message = messages.pollSpinningBefore(claimedAtClose)) != null; ) {
      if (message != DRAIN_MARKER) {
        sink.accept(message);
      }
    }
  }
}
