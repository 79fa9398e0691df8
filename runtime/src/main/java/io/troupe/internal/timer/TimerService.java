package io.troupe.internal.timer;

import io.troupe.MessagingException;
import io.troupe.timer.TimeSource;
import io.troupe.timer.TimerHandle;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A node's timers, on the node's {@link TimeSource}: scheduled sends, stops and kills. Firing only
 * queues work on an actor, so the source's thread never runs user handlers. Every timer is
 * registered with its actor and cancelled when the actor ends.
 */
public final class TimerService implements AutoCloseable {

  private final TimeSource time;

  /** The source this service made and so closes; null when the node was given one. */
  private final SystemTimeSource owned;

  /** Timers on {@code time}, or on a new {@link SystemTimeSource} when it is null. */
  public TimerService(String nodeName, TimeSource time) {
    this.owned = time == null ? new SystemTimeSource(nodeName) : null;
    this.time = time == null ? owned : time;
  }

  /** The node's time source. */
  public TimeSource time() {
    return time;
  }

  public TimerHandle sendAfter(TimerOwner cell, Duration delay, Supplier<?> message) {
    return runAfter(cell, delay, () -> deliver(cell, message));
  }

  public TimerHandle sendInterval(TimerOwner cell, Duration period, Supplier<?> message) {
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("interval period must be positive: " + period);
    }
    Handle handle = new Handle(cell);
    cell.registerTimer(handle); // before scheduling: a zero delay may fire at once
    Interval tick = new Interval(handle, nanos(period), () -> deliver(cell, message));
    handle.arm(time.schedule(tick.due, tick));
    return handle;
  }

  public TimerHandle runAfter(TimerOwner cell, Duration delay, Runnable action) {
    Handle handle = new Handle(cell);
    cell.registerTimer(handle); // before scheduling: a zero delay may fire at once
    handle.arm(
        time.schedule(
            time.nanoTime() + nanos(delay),
            () -> {
              if (handle.cancelled) {
                return;
              }
              cell.forgetTimer(handle);
              action.run();
            }));
    return handle;
  }

  /** A delay in nanoseconds; a negative one fires at once, a huge one (over 292 years) never. */
  private static long nanos(Duration delay) {
    if (delay.isNegative()) {
      return 0;
    }
    return delay.compareTo(Duration.ofNanos(Long.MAX_VALUE / 2)) > 0
        ? Long.MAX_VALUE / 2
        : delay.toNanos();
  }

  private static boolean deliver(TimerOwner cell, Supplier<?> message) {
    try {
      cell.send(message.get());
      return true;
    } catch (MessagingException gone) {
      return false;
    }
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }

  /**
   * One interval's ticks at a fixed rate, as {@code ScheduledExecutorService.scheduleAtFixedRate}:
   * each deadline is the last one plus the period, so a late tick is followed by the next on time,
   * and a manual clock advanced by n periods fires n times.
   */
  private final class Interval implements Runnable {
    private final Handle handle;
    private final long period;
    private final BooleanSupplier fire;

    /** Written and read by one tick at a time: each tick schedules the next. */
    long due;

    Interval(Handle handle, long period, BooleanSupplier fire) {
      this.handle = handle;
      this.period = period;
      this.fire = fire;
      this.due = time.nanoTime() + period;
    }

    @Override
    public void run() {
      if (handle.cancelled) {
        return;
      }
      if (!fire.getAsBoolean()) {
        handle.cancel(); // the actor is gone: the interval ends with it
        return;
      }
      due += period;
      handle.arm(time.schedule(due, this)); // cancelled while this tick ran: arm cancels it
    }
  }

  private static final class Handle implements TimerHandle {
    private final TimerOwner cell;

    /** The source's handle for the next firing. */
    private volatile TimerHandle scheduled;

    volatile boolean cancelled;

    Handle(TimerOwner cell) {
      this.cell = cell;
    }

    /**
     * Sets the scheduled task. NOTE: a cancel (the actor ended) may come between registration and
     * this call and find no task yet; {@code scheduled} is written before {@code cancelled} is read
     * here, and {@code cancelled} before {@code scheduled} is read in {@link #cancel}, so one side
     * always cancels the task.
     */
    void arm(TimerHandle task) {
      scheduled = task;
      if (cancelled) {
        task.cancel();
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      TimerHandle s = scheduled;
      if (s != null) {
        s.cancel();
      }
      cell.forgetTimer(this);
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
