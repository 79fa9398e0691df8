package io.troupe.internal.scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One of a {@link Scheduler}'s long-lived virtual threads: it takes tasks — its own run-next slot
 * first, then its local run queue, then the shared queue, then half of another worker's local queue
 * — and runs their bursts, and parks when there is nothing.
 *
 * <h2>Fields and who writes them</h2>
 *
 * <ul>
 *   <li>{@link #runNext}: a task readied by this worker's own current task (a send to an idle
 *       actor), run as soon as the current burst ends, so a chain of hand-offs stays on one warm
 *       thread. Set by the owner with {@code getAndSet}; taken by the owner, or by the {@link
 *       Sysmon} or a blocking call's hand-off when the owner is stuck in a handler — always with
 *       {@code getAndSet(null)}, so exactly one taker runs it. Never stolen by another worker.
 *   <li>{@link #local}: the tasks this worker's handlers readied while the run-next slot was taken,
 *       and those whose burst here spent its budget ({@link LocalRunQueue}): filled by the owner
 *       only, emptied by the owner, by idle workers stealing half, and by a detach moving it all to
 *       the shared queue.
 *   <li>{@link #progress}: bumped by the owner for every message handled and every burst, read by
 *       the sysmon with opaque loads: a value that stays put while the worker is {@link #running}
 *       means a handler is blocked or long.
 *   <li>{@link #detached}: true while the worker does not count as available (a handler blocked in
 *       a call, or found stuck by the sysmon). Set and cleared with {@code compareAndSet}, so that
 *       exactly one side adjusts the scheduler's count of available workers.
 * </ul>
 */
public final class Worker implements Runnable {

  private static final VarHandle RUN_NEXT;
  private static final VarHandle PROGRESS;
  private static final VarHandle RUNNING;
  private static final VarHandle DETACHED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      RUN_NEXT = l.findVarHandle(Worker.class, "runNext", Task.class);
      PROGRESS = l.findVarHandle(Worker.class, "progress", long.class);
      RUNNING = l.findVarHandle(Worker.class, "running", boolean.class);
      DETACHED = l.findVarHandle(Worker.class, "detached", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Polls the shared queue first once in this many tasks, so run-next chains cannot starve it. */
  private static final int SHARED_QUEUE_EVERY = 61;

  /**
   * After this many run-next tasks in a row the local queue goes first once, so a ping-pong in the
   * run-next slot cannot starve the actors queued behind it.
   */
  private static final int RUN_NEXT_STREAK = 32;

  /** Yields the carrier after running this long without parking, so other virtual threads run. */
  private static final long YIELD_AFTER_NANOS = 2_000_000;

  private final Scheduler scheduler;
  final LocalRunQueue local = new LocalRunQueue();

  /** Where this worker puts what it steals before keeping it (owner only). */
  final Task[] stolen = new Task[LocalRunQueue.CAPACITY / 2];

  Thread thread; // set before the thread starts

  @SuppressWarnings("unused") // through RUN_NEXT
  private volatile Task runNext;

  @SuppressWarnings("unused") // through PROGRESS
  private long progress;

  @SuppressWarnings("unused") // through RUNNING
  private boolean running;

  @SuppressWarnings("unused") // through DETACHED
  private volatile boolean detached;

  /** The task whose burst runs now (owner only): lets the runtime find "the current actor". */
  private Task current;

  private int tasksSinceShared;

  private int runNextStreak;

  private int victims;

  /**
   * True from {@link #beforeIdle}, or from a waker's {@link #wakeToSearch}, until the next look for
   * work (owner only; the waker writes it while the worker is parked, before the volatile store
   * that releases it).
   */
  private boolean searching;

  /**
   * True while this worker leaves a backlog in the shared queue to itself instead of waking a
   * helper, since {@link #behindSince} (owner only): see {@link Scheduler#endSearch}. The helper is
   * due once that lasts, or as soon as the worker turns to other work.
   */
  boolean owesHelp;

  long behindSince;

  private long busySince;

  Worker(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** The task this worker is running, or null (owner thread only). */
  public Task current() {
    return current;
  }

  /** Notes that a message was handled (owner only; plain store made visible lazily). */
  public void handled() {
    PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
  }

  long progress() {
    return (long) PROGRESS.getOpaque(this);
  }

  boolean isRunning() {
    return (boolean) RUNNING.getOpaque(this);
  }

  /**
   * Called by the running task just before it goes idle (owner thread): if this worker looks at the
   * shared queue next (no run-next task, not detached), a task submitted meanwhile needs no
   * wake-up.
   */
  public void beforeIdle() {
    if (!searching && RUN_NEXT.getOpaque(this) == null && local.isEmpty() && !isDetached()) {
      searching = true;
      scheduler.beginSearch();
    }
  }

  private void endSearch(boolean found) {
    if (searching) {
      searching = false;
      scheduler.endSearch(this, found);
    }
  }

  /**
   * Ends a search before this worker stops looking at the queue for a while (a yield, an exit), and
   * wakes a helper for anything queued (owner only).
   */
  private void handOff() {
    if (searching) {
      searching = false;
      scheduler.endSearch(this, false);
    }
    scheduler.helpIfOwed(this, true);
  }

  /** Makes {@code task} the next to run here; returns the task it displaced, or null. */
  Task offerRunNext(Task task) {
    return (Task) RUN_NEXT.getAndSet(this, task);
  }

  /** Takes the run-next task (owner, thief or sysmon); null if there is none. */
  Task takeRunNext() {
    return (Task) RUN_NEXT.getAndSet(this, (Task) null);
  }

  /** Marks the worker unavailable; true if this call did it (the caller adjusts the count). */
  boolean detach() {
    return DETACHED.compareAndSet(this, false, true);
  }

  /** Marks the worker available again; true if it was detached (the caller adjusts the count). */
  boolean reattach() {
    return DETACHED.compareAndSet(this, true, false);
  }

  boolean isDetached() {
    return detached;
  }

  /** When the worker was last woken (written by the waker before the unpark). */
  private volatile long wokenAt;

  /**
   * The last 16 idle gaps of this worker (owner only), one bit each, newest lowest: set if work
   * came within {@link Scheduler#SPIN_WORTHWHILE_NANOS} of the worker running out of it. The
   * scheduler lets a worker spin only while at least half of them were that short. NOTE: a count of
   * short gaps rather than their average, so one long gap (a GC pause, the caller descheduled) does
   * not stop the spinning of a request/reply loop for the next dozen rounds; and it starts at zero:
   * no spinning until short gaps have been seen.
   */
  private int recentGaps;

  boolean spinWorthwhile() {
    return Integer.bitCount(recentGaps & 0xFFFF) >= 8;
  }

  /** Notes one idle gap: from running out of work until work came (package-private for tests). */
  void recordIdleGap(long gap) {
    recentGaps = (recentGaps << 1) | (gap < Scheduler.SPIN_WORTHWHILE_NANOS ? 1 : 0);
  }

  /** True while parked idle; cleared by whoever wakes it. */
  private volatile boolean parked;

  void prepareToPark() {
    parked = true;
  }

  /** Parks until {@link #wake}; tolerates spurious returns of {@code park}. */
  void parkUntilWoken() {
    while (parked) {
      LockSupport.park(this);
    }
    Thread.interrupted(); // an interrupt meant for a handler that already finished: drop it
  }

  void wake() {
    wokenAt = System.nanoTime();
    parked = false;
    LockSupport.unpark(thread);
  }

  /**
   * Wakes this parked worker as a searcher: the waker has counted it in the scheduler's searching
   * count, and its first look for work ends that search.
   */
  void wakeToSearch() {
    searching = true;
    wake();
  }

  @Override
  public void run() {
    scheduler.bind(this);
    try {
      busySince = System.nanoTime();
      for (; ; ) {
        Task task = nextTask();
        endSearch(task != null);
        if (task == null) {
          owesHelp = false; // it found the shared queue empty: no backlog is left to help with
          long idleSince = System.nanoTime();
          task = scheduler.spinForWork(this, idleSince);
          if (task == null) {
            if (!scheduler.idle(this)) {
              return; // a surplus worker: the scheduler keeps at most its parallelism idle
            }
            recordIdleGap(wokenAt - idleSince);
            busySince = System.nanoTime();
            continue;
          }
          recordIdleGap(System.nanoTime() - idleSince);
        }
        runTask(task);
      }
    } finally {
      handOff(); // a burst that threw must not leave submitters thinking someone looks
      scheduler.unbind(this); // then nothing can be queued here any more, only taken:
      scheduler.moveQueuedToShared(this); // tasks left by a burst that threw are not lost
    }
  }

  private void runTask(Task task) {
    current = task;
    RUNNING.setOpaque(this, true);
    handled();
    boolean again;
    try {
      again = task.runBurst(this);
    } finally {
      current = null;
      RUNNING.setOpaque(this, false);
    }
    if (isDetached()) {
      scheduler.reattach(this); // the stuck handler returned: available again
    }
    if (again) {
      scheduler.requeue(this, task);
    }
    if ((++tasksSinceShared & 63) == 0 && System.nanoTime() - busySince > YIELD_AFTER_NANOS) {
      handOff(); // the yield may last: whatever was queued meanwhile must not wait for it
      Thread.yield(); // long busy stretch: let other virtual threads have the carrier
      busySince = System.nanoTime();
    }
  }

  private Task nextTask() {
    if (tasksSinceShared % SHARED_QUEUE_EVERY == 0) {
      Task shared = scheduler.pollShared();
      if (shared != null) {
        return fromShared(shared); // runTask counts it, so the next look goes to run-next first
      }
    }
    if (runNextStreak >= RUN_NEXT_STREAK) {
      runNextStreak = 0;
      Task queued = local.poll();
      if (queued != null) {
        return turningAway(queued);
      }
    }
    Task next = takeRunNext();
    if (next != null) {
      runNextStreak++;
      return turningAway(next);
    }
    runNextStreak = 0;
    next = local.poll();
    if (next != null) {
      return turningAway(next);
    }
    next = scheduler.pollShared();
    if (next != null) {
      return fromShared(next);
    }
    return scheduler.steal(this);
  }

  /**
   * A task from the shared queue: a helper this worker owes may be due by now. NOTE: a searching
   * worker leaves that to its {@link #endSearch}: its own search would hold the wake-up back.
   */
  private Task fromShared(Task task) {
    if (owesHelp && !searching) {
      scheduler.helpIfOverdue(this);
    }
    return task;
  }

  /** A task from this worker's own queues: a helper it owes for the shared queue is due now. */
  private Task turningAway(Task task) {
    if (owesHelp) {
      scheduler.helpIfOwed(this, false);
    }
    return task;
  }

  /**
   * Queues a task readied by this worker's handler whose run-next slot was taken (owner only). A
   * full local queue moves half of itself to the shared queue first, as Go's does.
   */
  void queueLocal(Task task) {
    if (!local.offer(task)) {
      scheduler.moveHalfToShared(this);
      local.offer(task); // half the slots are free now: only the owner fills them
    }
  }

  /** Where this worker's next theft starts (owner only): each look starts one further on. */
  int nextVictim() {
    return victims++ & Integer.MAX_VALUE;
  }

  /**
   * Puts the tasks a thief took into this worker's (empty) local queue, all but the first, which it
   * returns to run now (owner only).
   */
  Task keepStolen(int n) {
    for (int i = 1; i < n; i++) {
      queueLocal(stolen[i]);
      stolen[i] = null;
    }
    Task first = stolen[0];
    stolen[0] = null;
    return first;
  }

  @Override
  public String toString() {
    return "Worker[" + thread + "]";
  }
}
