package io.troupe.internal.scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One worker's bounded queue of ready tasks: filled only by its owner (the tasks its own handlers
 * readied while its run-next slot was taken), emptied by the owner and by thieves (idle workers
 * taking half, the sysmon or a blocking call moving it all to the shared queue). A single-producer,
 * multi-consumer ring, as Go keeps a local run queue per processor.
 *
 * <h2>Indices and memory order</h2>
 *
 * {@link #head} and {@link #tail} count up forever (int overflow is harmless: only differences and
 * the low bits are used); slot {@code i & MASK} holds the task at position {@code i}.
 *
 * <ul>
 *   <li>{@link #tail} is written by the owner alone: it stores the slot, then the new tail with
 *       release, so a consumer that reads the tail with acquire sees the slot filled.
 *   <li>{@link #head} is advanced by any consumer with compare-and-set, after reading the slots it
 *       claims. A consumer whose compare-and-set fails read nothing it may use and retries. A
 *       consumer whose compare-and-set succeeds owns what it read: the owner can refill those slots
 *       only after the head moved past them, which the successful compare-and-set is.
 *   <li>A taken slot is cleared by its taker with a compare-and-set from the task it took (so a
 *       stopped actor is not kept reachable by a stale slot); if the owner has refilled the slot
 *       meanwhile, the compare-and-set fails and the new task stays. A task is in at most one queue
 *       at a time ({@link Task}), so the slot cannot hold the same task again before it is cleared.
 * </ul>
 */
final class LocalRunQueue {

  /** Slots per worker (Go keeps 256 per processor); past it, half moves to the shared queue. */
  static final int CAPACITY = 256;

  private static final int MASK = CAPACITY - 1;

  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      HEAD = l.findVarHandle(LocalRunQueue.class, "head", int.class);
      TAIL = l.findVarHandle(LocalRunQueue.class, "tail", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final AtomicReferenceArray<Task> slots = new AtomicReferenceArray<>(CAPACITY);

  @SuppressWarnings("unused") // through HEAD
  private volatile int head;

  @SuppressWarnings("unused") // through TAIL
  private volatile int tail;

  /**
   * Queues {@code task} at the tail (owner only).
   *
   * @return false if the queue is full (nothing queued)
   */
  boolean offer(Task task) {
    int t = (int) TAIL.getOpaque(this); // only the owner writes it
    int h = (int) HEAD.getAcquire(this);
    if (t - h >= CAPACITY) {
      return false;
    }
    slots.setPlain(t & MASK, task);
    TAIL.setRelease(this, t + 1); // publishes the slot
    return true;
  }

  /** Takes the task at the head (owner or thief); null if the queue is empty. */
  Task poll() {
    for (; ; ) {
      int h = (int) HEAD.getAcquire(this);
      int t = (int) TAIL.getAcquire(this);
      if (t - h <= 0) {
        return null;
      }
      Task task = slots.getAcquire(h & MASK);
      if (HEAD.compareAndSet(this, h, h + 1)) {
        slots.compareAndSet(h & MASK, task, null);
        return task;
      }
    }
  }

  /**
   * Takes the older half (rounded up) of this queue's tasks for another worker (any thread).
   *
   * @param into receives the taken tasks, oldest first; must hold {@code CAPACITY / 2}
   * @return how many were taken (0 if the queue was empty)
   */
  int stealHalf(Task[] into) {
    for (; ; ) {
      int h = (int) HEAD.getAcquire(this);
      int t = (int) TAIL.getAcquire(this);
      int n = t - h;
      n = n - n / 2;
      if (n <= 0) {
        return 0;
      }
      if (n > CAPACITY / 2) {
        continue; // head and tail read at different moments: look again
      }
      for (int i = 0; i < n; i++) {
        into[i] = slots.getAcquire((h + i) & MASK);
      }
      if (HEAD.compareAndSet(this, h, h + n)) {
        for (int i = 0; i < n; i++) {
          slots.compareAndSet((h + i) & MASK, into[i], null);
        }
        return n;
      }
    }
  }

  /** About how many tasks are queued (any thread; exact for the owner between its own steps). */
  int size() {
    int n = (int) TAIL.getAcquire(this) - (int) HEAD.getAcquire(this);
    return Math.max(n, 0);
  }

  boolean isEmpty() {
    return size() == 0;
  }

  /** Slots still holding a task (for tests: a taken task must not stay reachable from here). */
  int filledSlots() {
    int n = 0;
    for (int i = 0; i < CAPACITY; i++) {
      if (slots.get(i) != null) {
        n++;
      }
    }
    return n;
  }
}
