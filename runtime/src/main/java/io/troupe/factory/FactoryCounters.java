package io.troupe.factory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The factory's counters and gauges, written by the factory's thread only ({@code submitted} too:
 * counted by the submitting threads, it shared a cache line with what the factory writes and cost
 * the submit path a contended compare-and-set per job). The gauges are written with release stores
 * ({@code lazySet}: no store-load fence on the factory's hot path) and read with volatile loads.
 */
final class FactoryCounters {
  /** Submits the factory took from its mailbox; a release store per job. */
  final AtomicLong submitted = new AtomicLong();

  final LongAdder processed = new LongAdder();
  final LongAdder retried = new LongAdder();
  final TimeStats waiting = new TimeStats();
  final TimeStats processing = new TimeStats();
  final AtomicLong queued = new AtomicLong();
  final AtomicInteger workers = new AtomicInteger();
  final AtomicInteger busy = new AtomicInteger();
  private final Map<DiscardReason, LongAdder> discarded = new EnumMap<>(DiscardReason.class);

  FactoryCounters() {
    for (DiscardReason r : DiscardReason.values()) {
      discarded.put(r, new LongAdder());
    }
  }

  void discarded(DiscardReason reason) {
    discarded.get(reason).increment();
  }

  FactoryStats snapshot() {
    // Outcomes first, submitted last: a job is counted submitted before its outcome, so a snapshot
    // never shows more outcomes than submits.
    Map<DiscardReason, Long> byReason = new EnumMap<>(DiscardReason.class);
    discarded.forEach((r, n) -> byReason.put(r, n.sum()));
    long done = processed.sum();
    return new FactoryStats(
        submitted.get(),
        done,
        retried.sum(),
        Map.copyOf(byReason),
        queued.get(),
        workers.get(),
        busy.get(),
        waiting.snapshot(),
        processing.snapshot());
  }
}
