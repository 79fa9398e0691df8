package io.troupe.factory;

import java.util.Map;

/**
 * A snapshot of a factory's counters.
 *
 * @param submitted jobs accepted by {@code submit}
 * @param processed jobs whose handler returned
 * @param discarded jobs not processed, by reason
 * @param queued jobs waiting (in the factory's queue, or dispatched and not started)
 * @param workers current worker count
 */
public record FactoryStats(long submitted, long processed, Map<DiscardReason, Long> discarded, long queued, int workers) {
  /** All discards, whatever the reason. */
  public long discardedTotal() {
    return discarded.values().stream().mapToLong(Long::longValue).sum();
  }
}
