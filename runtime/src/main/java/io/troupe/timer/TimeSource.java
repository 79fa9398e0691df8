package io.troupe.timer;

/**
 * The clock and the scheduler behind a node's timers: {@code sendAfter}, {@code sendInterval},
 * {@code exitAfter}, {@code killAfter}, and the clocks of the node's factories (rate limits, the
 * dead-man's switch, load-shedding periods, statistics).
 *
 * <p>{@code Node.create(name)} uses the system's: {@link System#nanoTime()} and one daemon thread
 * per node. A test installs its own with {@code Node.create(name, timeSource)}; troupe-testkit's
 * {@code ManualTime} is one whose time moves only when the test advances it, so a ten-minute
 * timeout is tested in microseconds.
 *
 * <p>Call timeouts ({@code call(..., timeout)}), {@code awaitExit} and the other blocking waits are
 * not timers: they always wait in real time.
 *
 * <p>Implementations must be thread-safe: any thread may schedule, and a task may schedule another.
 */
public interface TimeSource {

  /**
   * Now, in nanoseconds. Only differences are meaningful, as with {@link System#nanoTime()}:
   * compare two readings by the sign of their difference, never directly, since they may overflow.
   *
   * @return the current time of this source
   */
  long nanoTime();

  /**
   * Runs {@code task} once, as soon as {@link #nanoTime()} has reached {@code deadlineNanos} (at
   * once if it already has). The node's tasks only queue work on an actor: they never block and
   * never run a handler, so a source may run them on any thread, one at a time.
   *
   * @param deadlineNanos when to run, on this source's clock
   * @param task what to run
   * @return a handle whose {@link TimerHandle#cancel()} keeps the task from running if it has not
   *     started yet
   * @throws java.util.concurrent.RejectedExecutionException if the source is closed
   */
  TimerHandle schedule(long deadlineNanos, Runnable task);
}
