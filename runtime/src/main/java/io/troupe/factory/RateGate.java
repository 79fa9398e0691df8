package io.troupe.factory;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * The rate limit in front of the router: a token bucket of {@code jobs} tokens refilled at {@code
 * jobs} per {@code period}, and the jobs held back (in arrival order) when the limit delays excess
 * instead of discarding it. Owned by the factory's thread.
 */
final class RateGate<K, M> {
  enum Verdict {
    PASS,
    HELD,
    REFUSED
  }

  private final RateLimit limit;
  private final LongSupplier clock;
  private final long nanosPerToken;
  private final ArrayDeque<Pending<K, M>> held = new ArrayDeque<>();
  private double tokens;
  private long refilledAt;

  RateGate(RateLimit limit, LongSupplier clock) {
    this.limit = limit;
    this.clock = clock;
    this.nanosPerToken = Math.max(1, limit.period().toNanos() / limit.jobs());
    this.tokens = limit.jobs();
    this.refilledAt = clock.getAsLong();
  }

  RateLimit limit() {
    return limit;
  }

  private void refill() {
    long now = clock.getAsLong();
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(limit.jobs(), tokens + (double) elapsed / nanosPerToken);
      refilledAt = now;
    }
  }

  /**
   * Takes a token for {@code job} (PASS); or, with none, holds it when the limit delays (HELD, the
   * caller checks the queue limit first) or refuses it (REFUSED). Jobs already held go first.
   */
  Verdict admit(Pending<K, M> job) {
    refill();
    if (held.isEmpty() && tokens >= 1) {
      tokens -= 1;
      return Verdict.PASS;
    }
    if (limit.excess() == RateLimit.Excess.DELAY) {
      held.add(job);
      return Verdict.HELD;
    }
    return Verdict.REFUSED;
  }

  /** The next held job if a token is available now, or null. */
  Pending<K, M> release() {
    if (held.isEmpty()) {
      return null;
    }
    refill();
    if (tokens < 1) {
      return null;
    }
    tokens -= 1;
    return held.poll();
  }

  /** How long until the next token, in nanoseconds (at least 1). */
  long nanosUntilToken() {
    refill();
    return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken));
  }

  int heldCount() {
    return held.size();
  }

  /** Removes and returns the newest held job, or null (for shedding beyond the queue limit). */
  Pending<K, M> dropNewest() {
    return held.pollLast();
  }

  /** Removes and returns every held job in arrival order. */
  ArrayDeque<Pending<K, M>> takeAll() {
    ArrayDeque<Pending<K, M>> all = new ArrayDeque<>(held);
    held.clear();
    return all;
  }
}
