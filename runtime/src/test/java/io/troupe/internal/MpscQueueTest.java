package io.troupe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MpscQueueTest {

  @Test
  void anEmptyQueueHasNothingToTake() {
    MpscQueue<Integer> queue = new MpscQueue<>();
    assertTrue(queue.isEmpty());
    assertNull(queue.poll());
    assertNull(queue.pollSpinning());
  }

  @Test
  void oneProducerIsTakenInOrderAcrossManyChunks() {
    MpscQueue<Integer> queue = new MpscQueue<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 2_000; i++) {
        queue.offer(i);
      }
      for (int i = 0; i < 2_000; i++) {
        assertEquals(i, queue.poll());
      }
      assertTrue(queue.isEmpty());
      assertNull(queue.poll());
    }
  }

  @Test
  void takenIndexesAreExactlyThoseBelowTheConsumersPosition() {
    MpscQueue<String> queue = new MpscQueue<>();
    long a = queue.offer("a");
    long b = queue.offer("b");
    assertEquals("a", queue.poll());
    assertTrue(queue.wasTaken(a));
    assertFalse(queue.wasTaken(b));
  }

  @Test
  void fourProducersLoseNothingAndKeepEachProducersOrder() throws Exception {
    int producers = 4;
    int each = 50_000;
    for (int round = 0; round < 5; round++) {
      MpscQueue<long[]> queue = new MpscQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        long producer = p;
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        go.await();
                      } catch (InterruptedException e) {
                        return;
                      }
                      for (long i = 0; i < each; i++) {
                        queue.offer(new long[] {producer, i});
                      }
                    }));
      }
      go.countDown();
      long[] next = new long[producers];
      int taken = 0;
      while (taken < producers * each) {
        long[] e = queue.poll();
        if (e == null) {
          Thread.onSpinWait();
          continue;
        }
        assertEquals(next[(int) e[0]], e[1], "producer " + e[0] + " out of order");
        next[(int) e[0]]++;
        taken++;
      }
      for (Thread t : threads) {
        t.join();
      }
      assertTrue(queue.isEmpty());
      assertNull(queue.pollSpinning());
    }
  }
}
