package io.troupe.behaviour;

import io.troupe.ActorRef;
import io.troupe.internal.RefArguments;
import io.troupe.timer.TimerHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keyed timers of one actor (Pekko's {@code TimerScheduler}; OTP's named timeouts): each timer has
 * a key; starting a timer under a key that has one replaces it, and {@link #cancel(Object)} ends
 * it. A replaced or cancelled timer never delivers again — not even a message it had already
 * queued: the actor passes every message through {@link #received(Object)} first, which says which
 * to ignore.
 *
 * <pre>{@code
 * State preStart(ActorRef<Msg> self, Void a) { return new State(Timers.of(self)); }
 * State handle(ActorRef<Msg> self, Msg m, State s) {
 *   if (!s.timers.received(m)) return s;                       // a replaced or cancelled timer's message
 *   switch (m) {
 *     case Start x -> s.timers.startFixedRate("tick", Duration.ofSeconds(1), TICK);
 *     case Tick t -> ...;
 *   }
 * }
 * }</pre>
 *
 * <p>Timers run on the node's {@link io.troupe.timer.TimeSource} and end with the actor. Start and
 * cancel them from the actor's own thread (its hooks). Each timer delivers the one message object
 * it was started with: give each timer a message object of its own, not one the actor is also sent
 * by hand, since messages are told apart by identity.
 *
 * @param <M> the actor's message type
 */
public final class Timers<M> {

  private enum Kind {
    SINGLE,
    FIXED_RATE,
    FIXED_DELAY
  }

  /** One started timer. {@code cancelled} and {@code handle} are shared with the timer thread. */
  private static final class Keyed {
    final Object key;
    final Kind kind;
    volatile boolean cancelled;
    volatile TimerHandle handle;

    Keyed(Object key, Kind kind) {
      this.key = key;
      this.kind = kind;
    }

    void arm(TimerHandle h) {
      handle = h;
      if (cancelled) {
        h.cancel(); // cancelled while being re-armed: see TimerService.Handle
      }
    }

    void cancel() {
      cancelled = true;
      TimerHandle h = handle;
      if (h != null) {
        h.cancel();
      }
    }
  }

  private final ActorRef<M> self;

  /** The live timer of each key (actor thread only). */
  private final Map<Object, Keyed> active = new HashMap<>();

  /** Messages fired and not yet received, by identity, with the timer that fired each (FIFO). */
  private final IdentityHashMap<Object, ArrayDeque<Keyed>> fired = new IdentityHashMap<>();

  private Timers(ActorRef<M> self) {
    this.self = self;
  }

  /**
   * The keyed timers of {@code self}; make one per actor, in {@code preStart}, and keep it in the
   * state.
   *
   * @param self the actor
   * @param <M> its message type
   * @return its timers
   */
  public static <M> Timers<M> of(ActorRef<M> self) {
    return new Timers<>(RefArguments.notNull(self, "self"));
  }

  /**
   * Delivers {@code message} once after {@code delay}, replacing the timer of {@code key}.
   *
   * @param key the timer's key
   * @param delay when to deliver (zero or negative: at once)
   * @param message what to deliver
   * @throws NullPointerException if an argument is null
   */
  public void startSingle(Object key, Duration delay, M message) {
    RefArguments.notNull(delay, "delay");
    Keyed k = replace(key, Kind.SINGLE, message);
    k.arm(self.sendAfter(delay, firing(k, message)));
  }

  /**
   * Delivers {@code message} every {@code period} at a fixed rate (each firing due a period after
   * the previous one was due, so late firings catch up), replacing the timer of {@code key}.
   *
   * @param key the timer's key
   * @param period the period
   * @param message what to deliver
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code period} is not positive
   */
  public void startFixedRate(Object key, Duration period, M message) {
    RefArguments.positive(period, "period");
    Keyed k = replace(key, Kind.FIXED_RATE, message);
    k.arm(self.sendInterval(period, firing(k, message)));
  }

  /**
   * Delivers {@code message} every {@code delay} with a fixed delay (each firing {@code delay}
   * after the previous one happened, so late firings push the later ones back), replacing the timer
   * of {@code key}.
   *
   * @param key the timer's key
   * @param delay the delay between firings
   * @param message what to deliver
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code delay} is not positive
   */
  public void startFixedDelay(Object key, Duration delay, M message) {
    RefArguments.positive(delay, "delay");
    Keyed k = replace(key, Kind.FIXED_DELAY, message);
    Supplier<M> fire = firing(k, message);
    Supplier<M>[] next = newSupplierArray();
    next[0] =
        () -> {
          if (!k.cancelled) {
            k.arm(
                self.sendAfter(delay, next[0])); // on the timer thread: a task may schedule another
          }
          return fire.get();
        };
    k.arm(self.sendAfter(delay, next[0]));
  }

  @SuppressWarnings("unchecked")
  private static <M> Supplier<M>[] newSupplierArray() {
    return (Supplier<M>[]) new Supplier<?>[1];
  }

  /**
   * Cancels the timer of {@code key}, if any: it delivers nothing more, and a message it already
   * queued is reported stale by {@link #received}.
   *
   * @param key the timer's key
   */
  public void cancel(Object key) {
    Keyed k = active.remove(Objects.requireNonNull(key, "key"));
    if (k != null) {
      k.cancel();
    }
  }

  /** Cancels every timer. */
  public void cancelAll() {
    for (Keyed k : active.values()) {
      k.cancel();
    }
    active.clear();
  }

  /**
   * Whether a timer of {@code key} is live: periodic ones until cancelled or replaced, single ones
   * until their message is received.
   *
   * @param key the timer's key
   * @return true if live
   */
  public boolean isActive(Object key) {
    return active.containsKey(Objects.requireNonNull(key, "key"));
  }

  /**
   * The keys of the live timers.
   *
   * @return a snapshot of the keys
   */
  public Set<Object> activeKeys() {
    return Set.copyOf(active.keySet());
  }

  /**
   * Tells the timers that the actor received {@code message}; call it first for every message.
   *
   * @param message the message the actor received
   * @return false if it was delivered by a timer that has since been cancelled or replaced (ignore
   *     it); true otherwise, for messages that came from no timer too
   */
  public boolean received(Object message) {
    Keyed k;
    synchronized (fired) {
      ArrayDeque<Keyed> by = fired.get(message);
      if (by == null) {
        return true;
      }
      k = by.pollFirst();
      if (by.isEmpty()) {
        fired.remove(message);
      }
    }
    if (k.cancelled) {
      return false;
    }
    if (k.kind == Kind.SINGLE && active.get(k.key) == k) {
      active.remove(k.key);
    }
    return true;
  }

  private Keyed replace(Object key, Kind kind, M message) {
    Objects.requireNonNull(key, "key");
    RefArguments.notNull(message, "message");
    Keyed k = new Keyed(key, kind);
    Keyed old = active.put(key, k);
    if (old != null) {
      old.cancel();
    }
    return k;
  }

  private Supplier<M> firing(Keyed k, M message) {
    return () -> {
      synchronized (fired) {
        fired.computeIfAbsent(message, m -> new ArrayDeque<>()).addLast(k);
      }
      return message;
    };
  }
}
