package io.troupe.factory;

import java.util.Map;

/**
 * A snapshot of a factory's counters. The counts are exact once the factory has stopped; while it
 * runs, the gauges ({@code queued}, {@code busy}, {@code workers}) are as of the last time the
 * factory emptied its mailbox (or handled 64 more messages).
 *
 * @param submitted jobs accepted by {@code submit} that the factory has taken from its mailbox (at
 *     least {@code processed} plus the discards in the same snapshot)
 * @param processed jobs whose handler returned
 * @param retried retries of jobs whose worker failed or was stuck (see {@code Builder.retries})
 * @param discarded jobs not processed, by reason (every reason present, zero if none)
 * @param queued jobs waiting: in the factory's queues or held back by the rate limit
 * @param workers current worker count (the target size after a resize)
 * @param busy workers handling a job now
 * @param waitingTime from {@code submit} to the start of the job on a worker, for started jobs
 * @param processingTime the worker's {@code handle} of each processed job
 */
public record FactoryStats(
    long submitted,
    long processed,
    long retried,
    Map<DiscardReason, Long> discarded,
    long queued,
    int workers,
    int busy,
    TimeSummary waitingTime,
    TimeSummary processingTime) {

  /**
   * All discards, whatever the reason.
   *
   * @return the sum of {@link #discarded()}
   */
  public long discardedTotal() {
    return discarded.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The discards of one reason.
   *
   * @param reason the reason
   * @return how many jobs were discarded for it
   */
  public long discarded(DiscardReason reason) {
    return discarded.getOrDefault(reason, 0L);
  }
}
