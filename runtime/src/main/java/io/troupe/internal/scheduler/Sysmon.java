package io.troupe.internal.scheduler;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The scheduler's monitor: a daemon platform thread (so it runs even when every carrier is busy)
 * that finds workers stuck in one handler — blocked in I/O or a sleep, or computing for long — and
 * detaches them, so the actors queued behind them move to other workers.
 *
 * <p>A worker is stuck when it is running a burst and its progress count has not moved between two
 * ticks. Ticks are 1 ms apart while any worker runs and 10 ms apart once none has for a while, so
 * an idle process pays about a hundred wake-ups a second.
 */
final class Sysmon implements Runnable {

  private static final long BUSY_TICK_NANOS = 1_000_000;
  private static final long IDLE_TICK_NANOS = 10_000_000;
  private static final int IDLE_TICKS_BEFORE_SLOWING = 50;

  private final Scheduler scheduler;
  private final Map<Worker, Long> lastSeen = new IdentityHashMap<>();
  private volatile boolean started;

  Sysmon(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void ensureStarted() {
    if (!started) {
      synchronized (this) {
        if (!started) {
          started = true;
          Thread.ofPlatform().daemon().name("troupe-sysmon").start(this);
        }
      }
    }
  }

  @Override
  public void run() {
    int idleTicks = 0;
    for (; ; ) {
      Scheduler.sleep(idleTicks >= IDLE_TICKS_BEFORE_SLOWING ? IDLE_TICK_NANOS : BUSY_TICK_NANOS);
      boolean anyRunning = false;
      Worker[] workers = scheduler.workers();
      for (Worker w : workers) {
        if (!w.isRunning()) {
          lastSeen.remove(w);
          continue;
        }
        anyRunning = true;
        long progress = w.progress();
        Long before = lastSeen.put(w, progress);
        if (before != null && before == progress && !w.isDetached()) {
          scheduler.detach(w);
        }
      }
      lastSeen.keySet().retainAll(Arrays.asList(workers));
      scheduler.sweepLocalQueues();
      idleTicks = anyRunning ? 0 : idleTicks + 1;
    }
  }
}
