package io.troupe.internal.timer;

import io.troupe.MessagingException;
import io.troupe.internal.ActorCell;
import io.troupe.timer.TimerHandle;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A node's timers: one daemon platform thread that fires scheduled sends, stops and kills. Firing
 * only queues work on an actor, so the timer thread never runs user handlers. Every timer is
 * registered with its actor and cancelled when the actor ends.
 */
public final class TimerService implements AutoCloseable {

  private final ScheduledThreadPoolExecutor scheduler;

  public TimerService(String nodeName) {
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

  public <M> TimerHandle sendAfter(ActorCell<M, ?, ?> cell, Duration delay, Supplier<? extends M> message) {
    Handle handle = new Handle(cell);
    cell.registerTimer(handle); // before scheduling: a zero delay may fire at once
    handle.arm(
        scheduler.schedule(
            () -> {
              cell.forgetTimer(handle);
              deliver(cell, message);
            },
            delay.toNanos(),
            TimeUnit.NANOSECONDS));
    return handle;
  }

  public <M> TimerHandle sendInterval(ActorCell<M, ?, ?> cell, Duration period, Supplier<? extends M> message) {
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("interval period must be positive: " + period);
    }
    Handle handle = new Handle(cell);
    cell.registerTimer(handle); // before scheduling: a zero delay may fire at once
    handle.arm(
        scheduler.scheduleAtFixedRate(
            () -> {
              if (!deliver(cell, message)) {
                handle.cancel(); // the actor is gone: the interval ends with it
              }
            },
            period.toNanos(),
            period.toNanos(),
            TimeUnit.NANOSECONDS));
    return handle;
  }

  public TimerHandle runAfter(ActorCell<?, ?, ?> cell, Duration delay, Runnable action) {
    Handle handle = new Handle(cell);
    cell.registerTimer(handle); // before scheduling: a zero delay may fire at once
    handle.arm(
        scheduler.schedule(
            () -> {
              cell.forgetTimer(handle);
              action.run();
            },
            delay.toNanos(),
            TimeUnit.NANOSECONDS));
    return handle;
  }

  private static <M> boolean deliver(ActorCell<M, ?, ?> cell, Supplier<? extends M> message) {
    try {
      cell.send(message.get());
      return true;
    } catch (MessagingException gone) {
      return false;
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private static final class Handle implements TimerHandle {
    private final ActorCell<?, ?, ?> cell;
    private volatile ScheduledFuture<?> future;
    private volatile boolean cancelled;

    Handle(ActorCell<?, ?, ?> cell) {
      this.cell = cell;
    }

    /**
     * Sets the scheduled task. NOTE: a cancel (the actor ended) may come between registration and
     * this call and find no future yet; {@code future} is written before {@code cancelled} is read
     * here, and {@code cancelled} before {@code future} is read in {@link #cancel}, so one side
     * always cancels the task.
     */
    void arm(ScheduledFuture<?> scheduled) {
      future = scheduled;
      if (cancelled) {
        scheduled.cancel(false);
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
      cell.forgetTimer(this);
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
