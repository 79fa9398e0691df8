package io.troupe.factory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The factory's counters: written by the factory actor, read from any thread. */
final class FactoryCounters {
  final LongAdder submitted = new LongAdder();
  final LongAdder processed = new LongAdder();
  final LongAdder queued = new LongAdder();
  final AtomicInteger workers = new AtomicInteger();
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
    Map<DiscardReason, Long> byReason = new EnumMap<>(DiscardReason.class);
    discarded.forEach((r, n) -> byReason.put(r, n.sum()));
    return new FactoryStats(submitted.sum(), processed.sum(), Map.copyOf(byReason), queued.sum(), workers.get());
  }
}
