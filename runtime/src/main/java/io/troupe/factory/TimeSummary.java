package io.troupe.factory;

/**
 * A summary of durations in nanoseconds.
 *
 * @param count how many were recorded
 * @param totalNanos their sum
 * @param maxNanos the longest
 */
public record TimeSummary(long count, long totalNanos, long maxNanos) {
  /** An empty summary. */
  public static final TimeSummary EMPTY = new TimeSummary(0, 0, 0);

  /**
   * The mean duration.
   *
   * @return the mean in nanoseconds, or 0 if nothing was recorded
   */
  public double meanNanos() {
    return count == 0 ? 0 : (double) totalNanos / count;
  }
}
