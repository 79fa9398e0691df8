package io.troupe.internal.cluster;

/**
 * The phi-accrual failure detector (Hayashibara et al., as in Cassandra and Pekko) for one peer: it
 * learns the distribution of the intervals between the peer's heartbeats, and turns the time since
 * the peer was last heard into phi = -log10(P(a heartbeat comes this late or later)). Phi 1 means a
 * 10% chance that the peer is still alive and merely slow, phi 8 one in 10^8. The caller compares
 * phi with a threshold.
 *
 * <p>Intervals are modelled as a normal distribution over a sliding window of the last {@link
 * #WINDOW} samples, its mean lengthened by an acceptable pause (a GC, a busy network) and its
 * standard deviation held at a minimum (a perfectly regular peer would otherwise be declared dead a
 * few milliseconds late). Before the first interval is known, the expected interval stands in for
 * it (with a quarter of it as deviation).
 *
 * <p>Time is passed in (nanoseconds, any origin), so that tests drive it. Not thread-safe: one
 * keepalive thread and one reader thread use it, under its own lock.
 */
final class PhiAccrualDetector {
  /** Intervals kept. */
  static final int WINDOW = 1000;

  private final long acceptablePauseNanos;
  private final double minStdDeviationNanos;
  private final long[] intervals = new long[WINDOW];
  private int count;
  private int next;
  private double sum;
  private double sumOfSquares;
  private long lastHeartbeat = Long.MIN_VALUE;

  /**
   * A detector that knows nothing yet.
   *
   * @param expectedIntervalNanos the heartbeat interval the peer is expected to keep (the first
   *     estimate)
   * @param acceptablePauseNanos added to the mean interval: silence this long is not yet suspicious
   * @param minStdDeviationNanos the least standard deviation assumed
   */
  PhiAccrualDetector(
      long expectedIntervalNanos, long acceptablePauseNanos, long minStdDeviationNanos) {
    if (expectedIntervalNanos <= 0 || acceptablePauseNanos < 0 || minStdDeviationNanos <= 0) {
      throw new IllegalArgumentException(
          "interval and deviation must be positive, the pause not negative");
    }
    this.acceptablePauseNanos = acceptablePauseNanos;
    this.minStdDeviationNanos = minStdDeviationNanos;
    // The bootstrap: two samples around the expected interval (mean = interval, deviation =
    // interval / 4).
    record(expectedIntervalNanos - expectedIntervalNanos / 4);
    record(expectedIntervalNanos + expectedIntervalNanos / 4);
  }

  /** A heartbeat arrived at {@code nowNanos}. */
  synchronized void heartbeat(long nowNanos) {
    if (lastHeartbeat != Long.MIN_VALUE && nowNanos > lastHeartbeat) {
      record(nowNanos - lastHeartbeat);
    }
    lastHeartbeat = nowNanos;
  }

  private void record(long interval) {
    if (count == WINDOW) {
      long old = intervals[next];
      sum -= old;
      sumOfSquares -= (double) old * old;
    } else {
      count++;
    }
    intervals[next] = interval;
    next = (next + 1) % WINDOW;
    sum += interval;
    sumOfSquares += (double) interval * interval;
  }

  /** The mean interval, in nanoseconds (without the acceptable pause). */
  synchronized double meanNanos() {
    return sum / count;
  }

  /** The standard deviation used, in nanoseconds (at least the minimum). */
  synchronized double stdDeviationNanos() {
    double mean = sum / count;
    double variance = Math.max(0, sumOfSquares / count - mean * mean);
    return Math.max(Math.sqrt(variance), minStdDeviationNanos);
  }

  /** Intervals learnt so far (the two bootstrap samples included), at most {@link #WINDOW}. */
  synchronized int samples() {
    return count;
  }

  /**
   * Phi for a peer last heard {@code silenceNanos} ago: 0 when just heard, growing without bound
   * with the silence (capped where a double cannot tell the probability from 0).
   */
  synchronized double phi(long silenceNanos) {
    return phi(silenceNanos, sum / count + acceptablePauseNanos, stdDeviationNanos());
  }

  /**
   * -log10 of the normal distribution's upper tail at {@code t}, by the logistic approximation of
   * its CDF (Bowling et al. 2009, as Pekko uses it): accurate to about 1.4e-4 everywhere, and never
   * negative or NaN.
   */
  static double phi(double t, double mean, double stdDeviation) {
    double y = (t - mean) / stdDeviation;
    double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
    double phi = t > mean ? -Math.log10(e / (1.0 + e)) : -Math.log10(1.0 - 1.0 / (1.0 + e));
    return Double.isFinite(phi) ? Math.max(0, phi) : 1e9;
  }
}
