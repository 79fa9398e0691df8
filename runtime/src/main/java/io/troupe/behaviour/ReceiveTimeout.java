package io.troupe.behaviour;

import io.troupe.ActorRef;
import io.troupe.internal.RefArguments;
import io.troupe.timer.TimerHandle;
import java.time.Duration;

/**
 * A message to an actor that has received nothing for a while (Pekko's {@code setReceiveTimeout};
 * OTP's {@code gen_server} timeout). Make one in {@code preStart}, keep it in the state, and pass
 * every message through {@link #received(Object)} first:
 *
 * <pre>{@code
 * if (!s.idle.received(m)) return s;        // a timeout overtaken by activity
 * switch (m) { case Idle i -> self.stop("idle"); ... }
 * }</pre>
 *
 * <p>The timeout message comes when no other message was received for {@code idle} (on the node's
 * {@link io.troupe.timer.TimeSource}), and again after each further idle period. Activity does not
 * reschedule anything: one timer is armed at a time, and a firing that finds the actor was active
 * meanwhile is reported stale by {@link #received} and re-armed for the rest of the period, so a
 * busy actor pays one timer per idle period, not one per message. The timer ends with the actor.
 * The timeout message is recognised by identity: use an object of its own.
 *
 * @param <M> the actor's message type
 */
public final class ReceiveTimeout<M> {

  private final ActorRef<M> self;
  private final long idleNanos;
  private final M message;
  private long lastActivity;
  private TimerHandle armed;
  private boolean cancelled;

  private ReceiveTimeout(ActorRef<M> self, Duration idle, M message) {
    this.self = self;
    this.idleNanos = idle.toNanos();
    this.message = message;
    this.lastActivity = self.node().time().nanoTime();
  }

  /**
   * Starts the timeout of {@code self}: {@code message} after {@code idle} without a message.
   *
   * @param self the actor (call from its own hooks)
   * @param idle how long without messages
   * @param message the timeout message
   * @param <M> the message type
   * @return the running timeout
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code idle} is not positive
   */
  public static <M> ReceiveTimeout<M> start(ActorRef<M> self, Duration idle, M message) {
    RefArguments.notNull(self, "self");
    RefArguments.positive(idle, "idle");
    RefArguments.notNull(message, "message");
    ReceiveTimeout<M> t = new ReceiveTimeout<>(self, idle, message);
    t.arm(idle.toNanos());
    return t;
  }

  /**
   * Tells the timeout of a message the actor received.
   *
   * @param received the message
   * @return false for a timeout message that activity overtook (ignore it), true otherwise
   */
  public boolean received(Object received) {
    long now = self.node().time().nanoTime();
    if (received != message) {
      lastActivity = now;
      return true;
    }
    if (cancelled) {
      return false;
    }
    long idleFor = now - lastActivity;
    if (idleFor < idleNanos) {
      arm(idleNanos - idleFor);
      return false;
    }
    lastActivity = now; // the next timeout comes a whole idle period later
    arm(idleNanos);
    return true;
  }

  /** Stops the timeout: no timeout message comes any more, and one already queued is stale. */
  public void cancel() {
    cancelled = true;
    if (armed != null) {
      armed.cancel();
    }
  }

  private void arm(long nanos) {
    armed = self.sendAfter(Duration.ofNanos(nanos), () -> message);
  }
}
