package io.troupe.testkit;

import io.troupe.timer.TimeSource;
import io.troupe.timer.TimerHandle;
import java.time.Duration;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A {@link TimeSource} whose time moves only when the test calls {@link #advance(Duration)}: a node
 * created on it ({@code Node.create(name, manualTime)}, or {@link
 * TroupeExtension#withManualTime()}) fires its timers — {@code sendAfter}, {@code sendInterval},
 * {@code exitAfter}, {@code killAfter}, keyed timers built on them, and the clocks of its factories
 * — only then, so a ten-minute timeout is tested in microseconds and never flakes.
 *
 * <p>{@code advance} runs every timer that falls due, in deadline order, on the calling thread; a
 * timer only queues a message (or a stop, a kill) on its actor, so {@code advance} returns before
 * the actors have handled what fired: follow it with a {@link TestProbe} expectation, which waits
 * (in real time) for the outcome. An interval advanced over n periods fires n times.
 *
 * <p>An actor schedules its timers on its own thread: after casting it the message that makes it
 * schedule one, call {@link #awaitTimers(int, Duration)} before advancing, or the advance may
 * happen first. Blocking waits ({@code call} timeouts, {@code awaitExit}) are not timers and use
 * real time.
 *
 * <p>Thread-safe. Time starts at 0 and never goes back.
 */
public final class ManualTime implements TimeSource {

  private final Object lock = new Object();
  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(
          (a, b) ->
              a.deadline != b.deadline
                  ? Long.compare(a.deadline, b.deadline)
                  : Long.compare(a.seq, b.seq));
  private long now;
  private long nextSeq;

  /** A manual clock at time 0 with nothing scheduled. */
  public ManualTime() {}

  @Override
  public long nanoTime() {
    synchronized (lock) {
      return now;
    }
  }

  /**
   * How much time has been advanced since this clock was made.
   *
   * @return the time advanced
   */
  public Duration elapsed() {
    return Duration.ofNanos(nanoTime());
  }

  @Override
  public TimerHandle schedule(long deadlineNanos, Runnable task) {
    Task t = new Task(deadlineNanos, task);
    synchronized (lock) {
      t.seq = nextSeq++;
      tasks.add(t);
      lock.notifyAll();
    }
    return t;
  }

  /**
   * Moves time forward by {@code amount}, running every timer due on the way, in deadline order
   * (timers that were scheduled for the same instant, in the order they were scheduled), each with
   * the clock set to its deadline. Timers scheduled by those that ran are run too if they fall due
   * within {@code amount}.
   *
   * @param amount how far to move; zero runs what is due now
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("time does not go back: " + amount);
    }
    long target;
    synchronized (lock) {
      target = now + amount.toNanos();
    }
    while (true) {
      Task due;
      synchronized (lock) {
        Task head = tasks.peek();
        if (head == null || head.deadline - target > 0) {
          now = target;
          return;
        }
        due = tasks.poll();
        if (due.deadline - now > 0) {
          now = due.deadline;
        }
      }
      if (!due.cancelled) {
        due.task.run(); // outside the lock: it may schedule again (an interval's next tick)
      }
    }
  }

  /**
   * Advances to the next timer's deadline and runs the timers due then.
   *
   * @return how far time moved, or empty (and time unchanged) if no timer is scheduled
   */
  public Optional<Duration> advanceToNextTimer() {
    Optional<Duration> next = untilNextTimer();
    next.ifPresent(this::advance);
    return next;
  }

  /**
   * How long until the next scheduled timer would fire.
   *
   * @return the time left (zero if one is due now), or empty if none is scheduled
   */
  public Optional<Duration> untilNextTimer() {
    synchronized (lock) {
      purgeCancelled();
      Task head = tasks.peek();
      return head == null
          ? Optional.empty()
          : Optional.of(Duration.ofNanos(Math.max(0, head.deadline - now)));
    }
  }

  /**
   * The number of timers scheduled and not yet run or cancelled. An interval counts as one.
   *
   * @return the count
   */
  public int scheduledTimers() {
    synchronized (lock) {
      purgeCancelled();
      return tasks.size();
    }
  }

  /**
   * Waits, in real time, until at least {@code count} timers are scheduled: an actor schedules its
   * timers on its own thread, so a test awaits them before advancing time past them.
   *
   * @param count how many timers to wait for
   * @param timeout how long to wait, in real time (stretched by {@link TestKitTimeouts#dilate})
   * @throws AssertionError if fewer are scheduled when the time is up
   */
  public void awaitTimers(int count, Duration timeout) {
    long deadline = System.nanoTime() + TestKitTimeouts.dilate(timeout).toNanos();
    synchronized (lock) {
      while (true) {
        purgeCancelled();
        if (tasks.size() >= count) {
          return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected at least "
                  + count
                  + " scheduled timer(s) within "
                  + timeout
                  + ", found "
                  + tasks.size());
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for timers", e);
        }
      }
    }
  }

  /**
   * Waits up to {@link TestKitTimeouts#DEFAULT} for {@code count} scheduled timers: see {@link
   * #awaitTimers(int, Duration)}.
   *
   * @param count how many timers to wait for
   * @throws AssertionError if fewer are scheduled when the time is up
   */
  public void awaitTimers(int count) {
    awaitTimers(count, TestKitTimeouts.DEFAULT);
  }

  private void purgeCancelled() {
    tasks.removeIf(t -> t.cancelled);
  }

  @Override
  public String toString() {
    return "ManualTime[" + elapsed() + ", " + scheduledTimers() + " timer(s)]";
  }

  private final class Task implements TimerHandle {
    final long deadline;
    final Runnable task;
    long seq;
    volatile boolean cancelled;

    Task(long deadline, Runnable task) {
      this.deadline = deadline;
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
      synchronized (lock) {
        tasks.remove(this);
      }
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
