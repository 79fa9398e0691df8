package io.troupe.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Whether an actor is idle or scheduled, and which thread runs it now.
 *
 * <h2>{@link #scheduled}</h2>
 *
 * 0 while idle (in no queue, on no thread), 1 from the moment someone queues it until its burst
 * ends with an empty mailbox. Whoever moves 0 to 1 ({@link #claim}) submits the actor, so it is in
 * at most one queue and handlers never overlap. NOTE: the end of a burst stores 0 with a full fence
 * and then looks at the lanes again, while a sender queues (a full fence) and then reads {@code
 * scheduled}: one of the two always sees the other, so no message is left behind. An ended actor
 * stays at 1 forever, so it is never queued again.
 *
 * <h2>{@link #runner}</h2>
 *
 * The thread running the actor's hooks, or null. A kill interrupts it, but must never interrupt a
 * hook of the next actor that thread runs: the killer swaps the runner for {@link #KILLING} with a
 * compare-and-set, interrupts, and puts it back; {@link #unbind} waits while it sees KILLING, so an
 * interrupt for this actor is always delivered before its thread moves on (and then cleared).
 */
final class RunState {

  private static final VarHandle SCHEDULED;
  private static final VarHandle RUNNER;

  /** Stands in {@link #runner} while a kill interrupts the thread. */
  private static final Thread KILLING = Thread.ofVirtual().unstarted(() -> {});

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      SCHEDULED = l.findVarHandle(RunState.class, "scheduled", int.class);
      RUNNER = l.findVarHandle(RunState.class, "runner", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through SCHEDULED
  private volatile int scheduled;

  @SuppressWarnings("unused") // through RUNNER
  private volatile Thread runner;

  /** Moves idle to scheduled; true if this call did it (the caller must submit the actor). */
  boolean claim() {
    return (int) SCHEDULED.getVolatile(this) == 0 && SCHEDULED.compareAndSet(this, 0, 1);
  }

  /** Marks the actor scheduled without a check (it is new, and only its creator knows it). */
  void claimNew() {
    SCHEDULED.setRelease(this, 1);
  }

  /**
   * Marks the actor idle at the end of a burst (full fence: the caller then re-reads the lanes).
   */
  void release() {
    SCHEDULED.setVolatile(this, 0);
  }

  boolean isScheduled() {
    return (int) SCHEDULED.getVolatile(this) != 0;
  }

  /** Records that {@code thread} runs the actor's hooks from now on. */
  void bind(Thread thread) {
    RUNNER.setVolatile(this, thread);
  }

  /**
   * Forgets the running thread, after any kill interrupting it has finished.
   *
   * @return true if a kill interrupted {@code thread} meanwhile (its interrupt flag may be set)
   */
  boolean unbind(Thread thread) {
    boolean interrupted = false;
    while (!RUNNER.compareAndSet(this, thread, (Thread) null)) {
      interrupted = true; // a killer holds it: wait for it to put the thread back
      Thread.onSpinWait();
    }
    return interrupted || thread.isInterrupted();
  }

  /** Interrupts the thread running the actor's hooks, if it is another thread. */
  void interruptRunner() {
    Thread t = (Thread) RUNNER.getVolatile(this);
    if (t == null || t == KILLING || t == Thread.currentThread()) {
      return;
    }
    if (RUNNER.compareAndSet(this, t, KILLING)) {
      try {
        t.interrupt(); // ends a hook blocked in a call, sleep or I/O
      } finally {
        RUNNER.setVolatile(this, t);
      }
    }
  }
}
