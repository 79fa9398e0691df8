package io.troupe.internal.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** One worker's bounded run queue: FIFO for its owner, half at a time for thieves, none lost. */
class LocalRunQueueTest {

  /** A task that only carries its number. */
  private record Numbered(int id) implements Task {
    @Override
    public boolean runBurst(Worker worker) {
      return false;
    }
  }

  @Test
  void theOwnerTakesTasksInTheOrderItQueuedThemAcrossManyWrapArounds() {
    LocalRunQueue queue = new LocalRunQueue();
    int next = 0;
    int expected = 0;
    for (int round = 0; round < 1_000; round++) {
      for (int i = 0; i < 1 + round % 200; i++) {
        assertTrue(queue.offer(new Numbered(next++)));
      }
      for (Task t; (t = queue.poll()) != null; ) {
        assertEquals(expected++, ((Numbered) t).id());
      }
    }
    assertEquals(next, expected);
    assertEquals(0, queue.size());
  }

  @Test
  void aFullQueueRefusesTheNextTaskAndKeepsWhatItHas() {
    LocalRunQueue queue = new LocalRunQueue();
    for (int i = 0; i < LocalRunQueue.CAPACITY; i++) {
      assertTrue(queue.offer(new Numbered(i)));
    }
    assertFalse(queue.offer(new Numbered(-1)), "a full queue took one more");
    assertEquals(LocalRunQueue.CAPACITY, queue.size());
    assertEquals(0, ((Numbered) queue.poll()).id());
    assertTrue(queue.offer(new Numbered(LocalRunQueue.CAPACITY)), "a freed slot was not reused");
  }

  @Test
  void aThiefTakesTheOlderHalfRoundedUp() {
    LocalRunQueue queue = new LocalRunQueue();
    for (int i = 0; i < 7; i++) {
      queue.offer(new Numbered(i));
    }
    Task[] into = new Task[LocalRunQueue.CAPACITY / 2];
    assertEquals(4, queue.stealHalf(into));
    for (int i = 0; i < 4; i++) {
      assertEquals(i, ((Numbered) into[i]).id());
    }
    assertEquals(3, queue.size());
    assertEquals(4, ((Numbered) queue.poll()).id(), "the owner goes on with the newer half");
    assertEquals(1, queue.stealHalf(into)); // 2 left: one taken
    assertEquals(1, queue.stealHalf(into)); // the last one
    assertEquals(0, queue.stealHalf(into));
    assertNull(queue.poll());
  }

  @Test
  void aTakenTaskIsNoLongerHeldBySlot() {
    LocalRunQueue queue = new LocalRunQueue();
    Task[] into = new Task[LocalRunQueue.CAPACITY / 2];
    for (int i = 0; i < 100; i++) {
      queue.offer(new Numbered(i));
    }
    queue.stealHalf(into);
    for (int i = 0; i < 10; i++) {
      queue.poll();
    }
    assertEquals(queue.size(), queue.filledSlots(), "slots of taken tasks still hold them");
    while (queue.poll() != null) {}
    assertEquals(0, queue.filledSlots());
  }

  /**
   * The owner queues and takes while two thieves steal, for thousands of rounds: every task is
   * taken exactly once, and each taker sees the tasks it takes in queue order.
   */
  @Test
  void underRacingThievesEveryTaskIsTakenExactlyOnce() throws Exception {
    int rounds = 2_000;
    int perRound = 300; // more than the capacity: the owner also takes to make room
    LocalRunQueue queue = new LocalRunQueue();
    AtomicIntegerArray taken = new AtomicIntegerArray(rounds * perRound);
    CyclicBarrier start = new CyclicBarrier(3);
    CyclicBarrier end = new CyclicBarrier(3);
    List<Thread> thieves = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread thief =
          Thread.ofPlatform()
              .start(
                  () -> {
                    Task[] into = new Task[LocalRunQueue.CAPACITY / 2];
                    try {
                      for (int r = 0; r < rounds; r++) {
                        start.await(30, TimeUnit.SECONDS);
                        int last = -1;
                        boolean ownerDone = false;
                        while (!ownerDone || queue.size() > 0) {
                          ownerDone = end.getNumberWaiting() > 0;
                          int n = queue.stealHalf(into);
                          for (int i = 0; i < n; i++) {
                            int id = ((Numbered) into[i]).id();
                            taken.incrementAndGet(id);
                            if (id <= last) {
                              throw new AssertionError(
                                  "stolen out of order: " + id + " after " + last);
                            }
                            last = id;
                          }
                        }
                        end.await(30, TimeUnit.SECONDS);
                      }
                    } catch (Throwable e) {
                      failures.add(e);
                      start.reset();
                      end.reset();
                    }
                  });
      thieves.add(thief);
    }
    for (int r = 0; r < rounds && failures.isEmpty(); r++) {
      start.await(30, TimeUnit.SECONDS);
      int base = r * perRound;
      for (int i = 0; i < perRound; i++) {
        while (!queue.offer(new Numbered(base + i))) {
          Task t = queue.poll();
          if (t != null) {
            taken.incrementAndGet(((Numbered) t).id());
          }
        }
      }
      for (Task t; (t = queue.poll()) != null; ) {
        taken.incrementAndGet(((Numbered) t).id());
      }
      end.await(30, TimeUnit.SECONDS);
    }
    for (Thread thief : thieves) {
      thief.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertTrue(failures.isEmpty(), () -> "a thief failed: " + failures);
    for (int id = 0; id < taken.length(); id++) {
      assertEquals(1, taken.get(id), "task " + id + " taken this many times");
    }
    assertSame(null, queue.poll());
  }
}
