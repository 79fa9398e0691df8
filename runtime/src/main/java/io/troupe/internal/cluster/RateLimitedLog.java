package io.troupe.internal.cluster;

import java.time.Duration;

/**
 * A warning that a peer can trigger at will, logged at most once per period with the count of those
 * suppressed in between, so that an attacker cannot flood the log.
 */
final class RateLimitedLog {
  private final System.Logger log;
  private final long periodNanos;
  private long lastLogged;
  private boolean loggedOnce;
  private long suppressed;

  RateLimitedLog(System.Logger log, Duration period) {
    this.log = log;
    this.periodNanos = period.toNanos();
  }

  synchronized void warn(String message) {
    long now = System.nanoTime();
    if (loggedOnce && now - lastLogged < periodNanos) {
      suppressed++;
      return;
    }
    String more = suppressed > 0 ? " (and " + suppressed + " like it since the last report)" : "";
    loggedOnce = true;
    lastLogged = now;
    suppressed = 0;
    log.log(System.Logger.Level.WARNING, message + more);
  }
}
