package io.troupe.internal.timer;

import io.troupe.timer.TimeSource;
import io.troupe.timer.TimerHandle;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The default time source: {@link System#nanoTime()} and one daemon platform thread per node. */
public final class SystemTimeSource implements TimeSource, AutoCloseable {

  private final ScheduledThreadPoolExecutor scheduler;

  public SystemTimeSource(String nodeName) {
    scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "troupe-timers-" + nodeName);
              t.setDaemon(true);
              return t;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public TimerHandle schedule(long deadlineNanos, Runnable task) {
    // The difference, not the deadline, is compared: nanoTime values may overflow.
    long delay = Math.max(0, deadlineNanos - System.nanoTime());
    ScheduledFuture<?> future = scheduler.schedule(task, delay, TimeUnit.NANOSECONDS);
    return new TimerHandle() {
      @Override
      public void cancel() {
        future.cancel(false);
      }

      @Override
      public boolean isCancelled() {
        return future.isCancelled();
      }
    };
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
