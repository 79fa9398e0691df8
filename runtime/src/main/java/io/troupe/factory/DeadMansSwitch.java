package io.troupe.factory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds workers that have been on one job longer than the timeout. Owned by the factory's thread.
 */
final class DeadMansSwitch {
  private final long timeoutNanos;

  DeadMansSwitch(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  long timeoutNanos() {
    return timeoutNanos;
  }

  <K, M> List<WorkerSlot<K, M>> stuck(List<WorkerSlot<K, M>> slots, long now) {
    List<WorkerSlot<K, M>> stuck = new ArrayList<>(0);
    for (WorkerSlot<K, M> slot : slots) {
      if (slot != null && !slot.inFlight.isEmpty() && now - slot.startedNanos > timeoutNanos) {
        stuck.add(slot);
      }
    }
    return stuck;
  }
}
