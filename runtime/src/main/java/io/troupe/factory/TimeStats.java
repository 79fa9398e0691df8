package io.troupe.factory;

/**
 * Count, sum and maximum of durations: written by the factory's thread, read from any thread. The
 * lock is uncontended on the write side (one writer), and keeps the three fields consistent for a
 * reader.
 */
final class TimeStats {
  private long count;
  private long total;
  private long max;

  synchronized void record(long nanos) {
    count++;
    total += nanos;
    if (nanos > max) {
      max = nanos;
    }
  }

  /** Records {@code n} durations summing to {@code sum}, the longest {@code longest}. */
  synchronized void record(long n, long sum, long longest) {
    count += n;
    total += sum;
    if (longest > max) {
      max = longest;
    }
  }

  synchronized TimeSummary snapshot() {
    return new TimeSummary(count, total, max);
  }
}
