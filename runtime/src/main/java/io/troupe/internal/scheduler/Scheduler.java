package io.troupe.internal.scheduler;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs actors' mailboxes on a few long-lived virtual threads (workers), one process-wide instance.
 *
 * <h2>Where a readied actor runs</h2>
 *
 * A send to an idle actor from inside a handler puts the actor in the sending worker's run-next
 * slot ({@link Worker}): it runs on that same thread as soon as the sender's burst ends, with no
 * wake-up and no hand-off between cores (Go's scheduler keeps a readied goroutine on its processor
 * this way). If the slot was taken, the older task moves to the back of the worker's own bounded
 * local run queue ({@link LocalRunQueue}) — no allocation, no contention with the other workers —
 * and an idle worker, if there is one, is woken to take a share. A send from any other thread (the
 * main thread, a timer, a socket reader) puts the actor in the shared queue and wakes an idle
 * worker. A worker takes its run-next task first (but its local queue first after 32 run-next tasks
 * in a row), then its local queue, then the shared queue (and that first once in 61 tasks, so
 * hand-off chains cannot starve it), then steals the older half of another worker's local queue,
 * and parks when there is nothing. NOTE: no worker takes another's run-next task: two actors
 * playing ping-pong would then bounce between workers, each hop crossing cores (measured: half the
 * rate, and now and then a collapse to parks and wake-ups on every hop). A run-next task leaves its
 * worker only when the worker blocks or is found stuck (the {@link Sysmon}), and so does the local
 * queue, all of it, to the shared queue.
 *
 * <h2>Bursts and fairness</h2>
 *
 * A burst handles at most {@link #throughput()} messages; an actor with more goes to the back of
 * its worker's local queue (the shared queue if the worker is detached). A worker that has been
 * busy for 2 ms without parking yields its carrier.
 *
 * <h2>Blocking handlers</h2>
 *
 * Handlers may block. A worker whose handler enters a blocking {@code call} detaches itself at once
 * ({@link #blockingBegin}): its run-next task and local queue move to the shared queue, and a spare
 * worker starts if fewer than {@link #parallelism()} remain available. Any other blocking (sleep,
 * I/O, a lock) or a long computation is found by the {@link Sysmon}, which does the same for a
 * worker that has made no progress for a millisecond or two. A detached worker queues what its
 * handler readies on the shared queue, finishes its burst and becomes available again; surplus
 * workers exit when they run out of work (at most {@link #parallelism()} stay parked).
 *
 * <h2>Counts</h2>
 *
 * {@link #available} counts workers that are neither in the idle stack nor detached. It is adjusted
 * by whoever makes the corresponding transition (a worker pushing itself on the idle stack, whoever
 * takes it off, a {@code detach} or {@code reattach} compare-and-set), so it never drifts. NOTE: a
 * woken worker counts as available from just before its waker takes it off the stack, not from when
 * it runs again: otherwise every submission between the wake-up and the woken worker's first
 * instruction saw fewer than {@link #parallelism()} available and no one idle, and started a spare
 * worker (measured on the sparse load: one new virtual thread per millisecond, each soon exiting as
 * a surplus).
 *
 * <h2>Wake-ups</h2>
 *
 * A wake-up is a futex call on the waker and a park of the woken when it runs dry, about 15 µs of
 * CPU together on this project's test machine, so each is spent only where a worker is missing. A
 * submission wakes nobody while some worker spins or searches (between its actor's going idle and
 * its next look at the shared queue): that worker will find the task. A woken worker counts as
 * searching from its waker's decision until its first look (as Go's scheduler counts a woken thread
 * as spinning), so a batch of submissions from one thread wakes one worker, not one for each
 * submission that comes while the first is getting up. A searching worker that finds more queued
 * than the task it takes leaves the backlog to itself for {@link #HELP_AFTER_NANOS} and wakes a
 * helper then, or at once if it turns to other work (see {@link #endSearch}).
 *
 * <h2>No task left behind</h2>
 *
 * A task in the shared queue is found by whoever the submitter woke, or by the spinner or searcher
 * that made the submitter wake nobody (see {@link #wakeOne}). A task in a local queue is always run
 * by its owner when its burst ends, unless the owner detaches — then the detach moves it — or
 * exits, which moves it too. The one race, a handler queuing locally just as the sysmon detaches
 * its worker, is closed by the sysmon itself: every tick it moves the local queue of a detached
 * worker to the shared queue, and wakes a parked worker if some local queue holds work (a wake-up
 * missed between a push and a park costs parallelism for a tick, never a task).
 */
public final class Scheduler {

  private static final Scheduler SHARED =
      new Scheduler(
          Integer.getInteger(
              "troupe.scheduler.parallelism", Runtime.getRuntime().availableProcessors()),
          Integer.getInteger("troupe.scheduler.throughput", 32));

  private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

  private final int parallelism;
  private final int throughput;
  private final ConcurrentLinkedQueue<Task> shared = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private final AtomicInteger available = new AtomicInteger();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger detaches = new AtomicInteger(); // diagnostics: a rare path
  private final AtomicInteger wakeUps = new AtomicInteger(); // diagnostics: each costs a syscall

  /**
   * Workers between an actor's going idle and their next look at the shared queue: see {@link
   * #wakeOne}.
   */
  private final PaddedCounter searching = new PaddedCounter();

  private final AtomicBoolean spinning = new AtomicBoolean();

  /**
   * The live workers, an array replaced whole under this scheduler's lock when one starts or ends:
   * thieves, the idle path and the sysmon scan it with no iterator or copy per look.
   */
  private volatile Worker[] workers = new Worker[0];

  private final Sysmon sysmon;

  Scheduler(int parallelism, int throughput) {
    if (parallelism < 1 || throughput < 1) {
      throw new IllegalArgumentException(
          "troupe.scheduler.parallelism and troupe.scheduler.throughput must be >= 1");
    }
    this.parallelism = parallelism;
    this.throughput = throughput;
    this.sysmon = new Sysmon(this);
  }

  /** The process-wide scheduler. */
  public static Scheduler shared() {
    return SHARED;
  }

  /** How many workers are kept available: the number of processors unless configured. */
  public int parallelism() {
    return parallelism;
  }

  /** The most messages one burst handles before the actor goes to the back of the queue. */
  public int throughput() {
    return throughput;
  }

  /** The worker running on the current thread, or null. */
  public static Worker currentWorker() {
    return CURRENT.get();
  }

  /**
   * Queues a task that just became ready: on the current worker's run-next slot when called from a
   * worker, on the shared queue otherwise.
   */
  public void submit(Task task) {
    Worker here = CURRENT.get();
    if (here != null && !here.isDetached()) {
      Task displaced = here.offerRunNext(task);
      if (displaced != null) {
        here.queueLocal(displaced);
        wakeOne(); // an idle worker steals a share; a busy or spinning one will find it anyway
      }
      return;
    }
    submitShared(task);
  }

  /** Queues a task on the shared queue and makes sure a worker will take it. */
  void submitShared(Task task) {
    shared.offer(task);
    wakeOne();
  }

  /**
   * Queues a task whose burst ended with work left at the back of its worker's local queue, which
   * that worker serves next unless a run-next task is due (a task from outside still gets its turn
   * once in 61: see {@link Worker}). NOTE: not on the shared queue, where every spent burst of a
   * flooded actor cost a node and a compare-and-set on the tail both workers contend on. An idle
   * worker is woken only if the queue holds more than the task the owner takes next: waking one to
   * steal a lone flooded actor would move it to the other core after every burst.
   */
  void requeue(Worker worker, Task task) {
    if (worker.isDetached()) {
      shared.offer(task);
      wakeOne();
      return;
    }
    worker.queueLocal(task);
    if (idleCount.get() > 0 && worker.local.size() > 1) {
      wakeOne();
    }
  }

  /** Queues a task on the shared queue and wakes nobody (for tests: a backlog before a wake-up). */
  void queueSharedWithoutWaking(Task task) {
    shared.offer(task);
  }

  Task pollShared() {
    return shared.poll();
  }

  /**
   * Takes the older half of the first non-empty local queue of another worker, starting at a
   * varying one: keeps all but one in {@code thief}'s own local queue and returns that one (the
   * thief runs it now), or null if every other local queue is empty.
   */
  Task steal(Worker thief) {
    Worker[] all = workers;
    int n = all.length;
    if (n < 2) {
      return null;
    }
    int start = thief.nextVictim() % n;
    for (int i = 0; i < n; i++) {
      Worker victim = all[(start + i) % n];
      if (victim == thief) {
        continue;
      }
      int taken = victim.local.stealHalf(thief.stolen);
      if (taken > 0) {
        return thief.keepStolen(taken);
      }
    }
    return null;
  }

  /** True if some worker's local queue holds a task (any thread; a snapshot). */
  boolean anyLocalWork() {
    for (Worker w : workers) {
      if (!w.local.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private boolean anyQueued() {
    return !shared.isEmpty() || anyLocalWork();
  }

  /** Moves the older half of {@code worker}'s full local queue to the shared queue (owner only). */
  void moveHalfToShared(Worker worker) {
    int n = worker.local.stealHalf(worker.stolen);
    for (int i = 0; i < n; i++) {
      shared.offer(worker.stolen[i]);
      worker.stolen[i] = null;
    }
  }

  /** Moves {@code worker}'s run-next task and local queue to the shared queue (any thread). */
  void moveQueuedToShared(Worker worker) {
    Task next = worker.takeRunNext();
    if (next != null) {
      shared.offer(next);
    }
    for (Task t; (t = worker.local.poll()) != null; ) {
      shared.offer(t);
    }
    if (!shared.isEmpty()) {
      wakeOne();
    }
  }

  /**
   * The sysmon's tick: moves what a detached worker's handler queued locally (a push that raced
   * with the detach) to the shared queue, and wakes a parked worker if some local queue holds work
   * (a wake-up missed between a push and a park).
   */
  void sweepLocalQueues() {
    boolean work = false;
    for (Worker w : workers) {
      if (w.isDetached() && !w.local.isEmpty()) {
        moveQueuedToShared(w);
      }
      work |= !w.local.isEmpty();
    }
    if (work && idleCount.get() > 0) {
      wakeOne();
    }
  }

  /**
   * Lets a worker that ran out of work spin briefly instead of parking — only while at least half
   * of its recent idle gaps were shorter than {@link #SPIN_WORTHWHILE_NANOS} (so a spin usually
   * catches the next task and saves a park and a wake-up, as in a request/reply loop), only one
   * worker at a time, and for at most {@link #SPIN_NANOS}. An actor whose messages come seldom
   * never causes a spin.
   *
   * @return a task from the shared queue, or null (then the worker parks)
   */
  Task spinForWork(Worker worker, long since) {
    if (!worker.spinWorthwhile() || spinning.get() || !spinning.compareAndSet(false, true)) {
      return null;
    }
    Task found = null;
    try {
      long end = since + SPIN_NANOS;
      for (int i = 1; ; i++) {
        found = shared.poll();
        if (found == null && (i & 3) == 0) {
          found = steal(worker);
        }
        if (found != null) {
          return found;
        }
        Thread.onSpinWait();
        if ((i & 15) == 0 && System.nanoTime() - end > 0) {
          return null;
        }
      }
    } finally {
      spinning.set(false); // before looking again: see wakeOne
      if (found != null && anyQueued()) {
        wakeOne(); // a submitter saw the spinner and woke nobody for this one
      }
    }
  }

  /** Idle gaps shorter than this on average make spinning pay (a wake-up costs several µs). */
  static final long SPIN_WORTHWHILE_NANOS = 4_000;

  /** The longest spin. */
  static final long SPIN_NANOS = 10_000;

  /**
   * Wakes an idle worker, or starts one if fewer than {@link #parallelism} are available; does
   * nothing while a worker spins or is about to look at the shared queue ({@link #searching}).
   * NOTE: the spinner clears {@link #spinning} (a searcher decrements {@link #searching}) before it
   * parks and then looks at the queue again, while a submitter queues and then reads both: one of
   * the two sees the other, so no task is left without a worker. Without the searching count, a
   * request/reply loop from a platform thread often woke the second worker for a request: it came
   * while the answering worker was between its actor's release and its next look at the queue (a
   * few hundred ns), so the other worker took it on the other core and the first spun for nothing.
   */
  private void wakeOne() {
    if (nobodyToWake()) {
      return; // read first: these counts change seldom, the searching count often
    }
    if (spinning.get() || searching.get() > 0) {
      return;
    }
    if (idleCount.get() > 0) {
      available.incrementAndGet(); // counted before it leaves the stack: see "Counts" above
      Worker sleeper = idle.pollFirst();
      if (sleeper != null) {
        idleCount.decrementAndGet();
        searching.increment(); // it searches from now: see "Wake-ups" above
        wakeUps.incrementAndGet();
        sleeper.wakeToSearch();
        return;
      }
      available.decrementAndGet();
    }
    if (available.get() < parallelism) {
      startWorker();
    }
  }

  private void startWorker() {
    Worker worker = new Worker(this);
    Thread thread =
        Thread.ofVirtual().name("troupe-worker-" + started.incrementAndGet()).unstarted(worker);
    worker.thread = thread;
    available.incrementAndGet();
    synchronized (this) {
      Worker[] grown = Arrays.copyOf(workers, workers.length + 1);
      grown[grown.length - 1] = worker;
      workers = grown;
    }
    sysmon.ensureStarted();
    thread.start();
  }

  /** True if no worker is parked and enough are available: a wake-up would do nothing. */
  private boolean nobodyToWake() {
    return idleCount.get() == 0 && available.get() >= parallelism;
  }

  /** The live workers (a snapshot: the array is never changed in place). */
  Worker[] workers() {
    return workers;
  }

  /** Workers started so far (for tests). */
  int startedWorkers() {
    return started.get();
  }

  /** Workers detached so far, by blocking calls or by the sysmon (for tests). */
  int detachedWorkers() {
    return detaches.get();
  }

  /** Parked workers woken by others so far (for tests). */
  int wakeUps() {
    return wakeUps.get();
  }

  /** Workers parked in the idle stack (for tests). */
  int idleWorkers() {
    return idleCount.get();
  }

  /** A worker whose actor goes idle will look at the shared queue next: nobody need be woken. */
  void beginSearch() {
    searching.increment();
  }

  /**
   * The worker that called {@link #beginSearch} (or was woken to search) has looked at the queue.
   * If it found a task and more are queued, a submitter may have counted on it for one of them.
   * NOTE: the helper for that backlog is not woken at once but once the backlog has lasted {@link
   * #HELP_AFTER_NANOS} of this worker's searches, or as soon as this worker turns to other work (it
   * takes a task from its own queues, or yields: {@link #helpIfOwed}): a platform thread that sends
   * a batch of lone messages is kept up with by one worker, and waking the other one for it cost a
   * futex wake-up of about 15 µs on the sender and a park of the helper, which soon ran dry
   * (measured on the sparse load: 4.5 wake-ups per 100 messages before, 2.2 after).
   */
  void endSearch(Worker worker, boolean found) {
    searching.decrement();
    if (!found || nobodyToWake() || !anyQueued()) {
      worker.owesHelp = false;
    } else if (!worker.owesHelp) {
      worker.owesHelp = true;
      worker.behindSince = System.nanoTime();
    } else {
      helpIfOverdue(worker);
    }
  }

  /**
   * Wakes the helper {@code worker} owes (see {@link #endSearch}) if the backlog has lasted {@link
   * #HELP_AFTER_NANOS} (owner thread only; {@code worker.owesHelp} is set).
   */
  void helpIfOverdue(Worker worker) {
    if (System.nanoTime() - worker.behindSince >= HELP_AFTER_NANOS) {
      helpIfOwed(worker, false);
    }
  }

  /**
   * Wakes the helper {@code worker} owes for the shared queue's backlog (see {@link #endSearch}),
   * or with {@code always}, for anything queued (owner thread only).
   */
  void helpIfOwed(Worker worker, boolean always) {
    if (!always && !worker.owesHelp) {
      return;
    }
    worker.owesHelp = false;
    if (!nobodyToWake() && anyQueued()) {
      wakeOne();
    }
  }

  /**
   * How long a backlog in the shared queue is left to one searching worker before another helps.
   */
  static final long HELP_AFTER_NANOS = 100_000;

  void bind(Worker worker) {
    CURRENT.set(worker);
  }

  void unbind(Worker worker) {
    CURRENT.remove();
    synchronized (this) {
      workers = Arrays.stream(workers).filter(w -> w != worker).toArray(Worker[]::new);
    }
  }

  /**
   * Parks an idle worker until it is woken with work to do.
   *
   * @return false if the worker must exit instead (enough workers are idle already)
   */
  boolean idle(Worker worker) {
    if (idleCount.get() >= parallelism) {
      // Enough workers are parked: this one exits, but only after a last look at the queue. NOTE:
      // a submitter that saw this worker spinning (or counted it available) woke nobody, so a task
      // may be waiting for exactly this worker; without this look it sat in the queue with every
      // worker parked (FanInBench hung once in three runs).
      available.decrementAndGet();
      if (anyQueued()) {
        available.incrementAndGet();
        return true;
      }
      return false;
    }
    worker.prepareToPark();
    idle.offerFirst(worker);
    idleCount.incrementAndGet();
    available.decrementAndGet(); // after the push: a submitter sees this worker in one or the other
    // A task queued before this worker was visible in the idle stack woke nobody: look again.
    if (anyQueued()) {
      available.incrementAndGet(); // before it leaves the stack, as in wakeOne
      if (idle.remove(worker)) {
        idleCount.decrementAndGet();
        searching.increment();
        worker.wakeToSearch();
      } else {
        available.decrementAndGet(); // a submitter took it off and counted it
      }
    }
    worker.parkUntilWoken(); // whoever woke it counted it available again
    return true;
  }

  /** Called by a worker whose burst ended after it was detached: it is available again. */
  void reattach(Worker worker) {
    if (worker.reattach()) {
      available.incrementAndGet();
    }
  }

  /**
   * Detaches {@code worker} (its handler blocks or runs long): moves its run-next task and local
   * queue to the shared queue and makes sure another worker serves the queue.
   */
  void detach(Worker worker) {
    if (!worker.detach()) {
      return;
    }
    detaches.incrementAndGet();
    available.decrementAndGet();
    moveQueuedToShared(worker);
  }

  /**
   * Called before the current thread blocks in a handler (a blocking {@code call}): if it is a
   * worker, it hands its queued work to the others first.
   *
   * @return a token for {@link #blockingEnd}
   */
  public static Object blockingBegin() {
    Worker here = CURRENT.get();
    if (here == null || here.isDetached()) {
      return null;
    }
    SHARED.detach(here);
    return here;
  }

  /** Ends what {@link #blockingBegin} began. */
  public static void blockingEnd(Object token) {
    if (token instanceof Worker worker) {
      SHARED.reattach(worker);
    }
  }

  /** Parks for {@code nanos} (the sysmon's tick). */
  static void sleep(long nanos) {
    LockSupport.parkNanos(nanos);
  }
}
