package io.troupe.testing;

import io.troupe.timer.TimeSource;
import io.troupe.timer.TimerHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A time source that moves only when a test advances it (the runtime's tests cannot use the
 * testkit's ManualTime, which depends on the runtime).
 */
public final class ManualClock implements TimeSource {
  private final Object lock = new Object();
  private final List<Task> tasks = new ArrayList<>();
  private long now;

  private static final class Task implements TimerHandle {
    final long deadline;
    final Runnable run;
    volatile boolean cancelled;

    Task(long deadline, Runnable run) {
      this.deadline = deadline;
      this.run = run;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }

  @Override
  public long nanoTime() {
    synchronized (lock) {
      return now;
    }
  }

  @Override
  public TimerHandle schedule(long deadlineNanos, Runnable task) {
    Task t = new Task(deadlineNanos, task);
    synchronized (lock) {
      tasks.add(t);
    }
    return t;
  }

  /** Tasks scheduled and neither run nor cancelled. */
  public int pending() {
    synchronized (lock) {
      return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }
  }

  /** Moves time forward, running what falls due on the way, in deadline order. */
  public void advance(Duration amount) {
    long target;
    synchronized (lock) {
      target = now + amount.toNanos();
    }
    for (; ; ) {
      Task next = null;
      synchronized (lock) {
        for (Task t : tasks) {
          if (t.deadline - target <= 0 && (next == null || t.deadline - next.deadline < 0)) {
            next = t;
          }
        }
        if (next == null) {
          now = target;
          return;
        }
        tasks.remove(next);
        if (next.deadline - now > 0) {
          now = next.deadline;
        }
      }
      if (!next.cancelled) {
        next.run.run();
      }
    }
  }
}
