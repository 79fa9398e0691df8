package io.troupe.factory;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The warnings of a factory that has no discard handler, so that no discarded job goes unseen: the
 * first discard is logged at once, later ones are counted by reason and logged together at most
 * once per {@link #PERIOD}, and what is left is logged when the factory stops. Owned by the
 * factory's thread.
 */
final class DiscardLog {
  /** The least time between two warnings. */
  static final Duration PERIOD = Duration.ofSeconds(10);

  private static final DiscardReason[] REASONS = DiscardReason.values();

  private final System.Logger logger;
  private final String factory;
  private final LongSupplier clock;
  private final long[] unlogged = new long[REASONS.length];
  private long unloggedTotal;
  private long total;
  private boolean loggedOnce;
  private long loggedAt;

  DiscardLog(System.Logger logger, String factory, LongSupplier clock) {
    this.logger = logger;
    this.factory = factory;
    this.clock = clock;
  }

  /**
   * Counts a discard and logs the counts if the last warning is a period old.
   *
   * @return true if the discard is counted but not logged yet: the caller sees that {@link
   *     #logIfDue} runs within {@link #nanosUntilDue}
   */
  boolean record(DiscardReason reason) {
    unlogged[reason.ordinal()]++;
    unloggedTotal++;
    total++;
    return !logIfDue();
  }

  /**
   * Logs the counts not logged yet if a period has passed since the last warning; true if none is
   * left.
   */
  boolean logIfDue() {
    if (unloggedTotal == 0) {
      return true;
    }
    if (loggedOnce && nanosUntilDue() > 0) {
      return false;
    }
    logNow();
    return true;
  }

  /** How long until the next warning may be logged, in nanoseconds (0 if now). */
  long nanosUntilDue() {
    return loggedOnce ? Math.max(0, loggedAt + PERIOD.toNanos() - clock.getAsLong()) : 0;
  }

  /**
   * Logs the counts not logged yet, if any, whenever the last warning was (the factory is
   * stopping).
   */
  void logNow() {
    if (unloggedTotal == 0) {
      return;
    }
    StringBuilder text =
        new StringBuilder("factory ")
            .append(factory)
            .append(": ")
            .append(unloggedTotal)
            .append(unloggedTotal == 1 ? " job" : " jobs")
            .append(" not processed (");
    String separator = "";
    for (DiscardReason reason : REASONS) {
      long n = unlogged[reason.ordinal()];
      if (n > 0) {
        text.append(separator).append(reason).append('=').append(n);
        separator = ", ";
      }
    }
    text.append("; ")
        .append(total)
        .append(
            " in all), and no discard handler is set: set one with Factory.Builder.discardHandler");
    logger.log(System.Logger.Level.WARNING, text.toString());
    Arrays.fill(unlogged, 0);
    unloggedTotal = 0;
    loggedOnce = true;
    loggedAt = clock.getAsLong();
  }
}
