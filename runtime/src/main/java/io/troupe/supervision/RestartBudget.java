package io.troupe.supervision;

import java.util.ArrayDeque;

/**
 * The restarts counted against a {@link RestartIntensity}: the times of the restarts within the
 * last period. Owned by one actor's thread.
 */
final class RestartBudget {
  private final RestartIntensity intensity;
  private final ArrayDeque<Long> times = new ArrayDeque<>();

  RestartBudget(RestartIntensity intensity) {
    this.intensity = intensity;
  }

  RestartIntensity intensity() {
    return intensity;
  }

  /** Counts a restart at {@code now}; false (and nothing counted) if it would be one too many. */
  boolean tryRestart(long now) {
    long period = intensity.period().toNanos();
    while (!times.isEmpty() && now - times.peekFirst() >= period) {
      times.pollFirst();
    }
    if (times.size() >= intensity.maxRestarts()) {
      return false;
    }
    times.addLast(now);
    return true;
  }
}
