package io.troupe.internal.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Tasks a worker's handlers ready while its run-next slot is taken wait in its local run queue: an
 * idle worker steals them, a worker that blocks hands them over, and a ping-pong in the run-next
 * slot cannot starve them.
 */
class LocalQueueSchedulingTest {

  private static final long WAIT_SECONDS = 30;

  @Test
  void tasksReadiedByABusyWorkerAreTakenByTheIdleOne() throws Exception {
    Scheduler scheduler = new Scheduler(2, 32);
    int readied = 50;
    CountDownLatch ran = new CountDownLatch(readied - 1); // the last is in the run-next slot
    Thread[] ranOn = new Thread[readied];
    AtomicReference<Thread> busy = new AtomicReference<>();
    AtomicBoolean allRanMeanwhile = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    scheduler.submitShared(
        worker -> {
          busy.set(Thread.currentThread());
          for (int i = 0; i < readied; i++) {
            int index = i;
            scheduler.submit(
                w -> {
                  ranOn[index] = Thread.currentThread();
                  ran.countDown();
                  return false;
                });
          }
          // Busy, and seen to make progress, so the sysmon never detaches this worker: only
          // another worker taking from its local queue can run the readied tasks now.
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
          while (ran.getCount() > 0 && System.nanoTime() - deadline < 0) {
            worker.handled();
            Thread.onSpinWait();
          }
          allRanMeanwhile.set(ran.getCount() == 0);
          done.countDown();
          return false;
        });
    assertTrue(done.await(2 * WAIT_SECONDS, TimeUnit.SECONDS), "the busy task never ended");
    assertTrue(allRanMeanwhile.get(), ran.getCount() + " readied tasks waited for the busy one");
    for (int i = 0; i < readied - 1; i++) { // the latch orders these reads after the writes
      assertTrue(ranOn[i] != busy.get(), "readied task " + i + " ran on the busy worker's thread");
    }
  }

  /**
   * For thousands of rounds a task readies four others and then blocks until they have run, half
   * the rounds saying so first (as a blocking call does), half not (found by the sysmon): the
   * readied tasks always run elsewhere, and no worker is left detached.
   */
  @Test
  void aWorkerThatBlocksHandsItsQueuedTasksToOthers() throws Exception {
    Scheduler scheduler = new Scheduler(2, 32);
    int rounds = 2_000;
    for (int round = 0; round < rounds; round++) {
      boolean announced = round % 2 == 0;
      CountDownLatch readiedRan = new CountDownLatch(4);
      CountDownLatch done = new CountDownLatch(1);
      AtomicBoolean sawThemRun = new AtomicBoolean();
      scheduler.submitShared(
          worker -> {
            for (int i = 0; i < 4; i++) {
              scheduler.submit(
                  w -> {
                    readiedRan.countDown();
                    return false;
                  });
            }
            if (announced) {
              scheduler.detach(worker);
            }
            try {
              sawThemRun.set(readiedRan.await(WAIT_SECONDS, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            done.countDown();
            return false;
          });
      assertTrue(done.await(2 * WAIT_SECONDS, TimeUnit.SECONDS), "round " + round + ": hung");
      assertTrue(
          sawThemRun.get(),
          "round " + round + (announced ? " (announced)" : " (sysmon)") + ": readied tasks waited");
    }
  }

  /**
   * One worker only, so nothing can steal: a task queued locally behind two tasks that ready each
   * other through the run-next slot must still run while they go on.
   */
  @Test
  void aPingPongInTheRunNextSlotDoesNotStarveTheLocalQueue() throws Exception {
    Scheduler scheduler = new Scheduler(1, 32);
    AtomicBoolean playing = new AtomicBoolean(true);
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicInteger hops = new AtomicInteger();
    AtomicInteger hopsBeforeItRan = new AtomicInteger(-1);
    Task[] pair = new Task[2];
    for (int i = 0; i < 2; i++) {
      int other = 1 - i;
      pair[i] =
          worker -> {
            hops.incrementAndGet();
            worker.handled();
            if (playing.get()) {
              scheduler.submit(pair[other]);
            }
            return false;
          };
    }
    scheduler.submitShared(
        worker -> {
          scheduler.submit(
              w -> {
                hopsBeforeItRan.set(hops.get());
                waiting.countDown();
                return false;
              });
          scheduler.submit(pair[0]); // displaces the waiting task into the local queue
          return false;
        });
    try {
      assertTrue(
          waiting.await(WAIT_SECONDS, TimeUnit.SECONDS),
          "the queued task starved behind " + hops.get() + " run-next hops");
    } finally {
      playing.set(false);
    }
    // Its turn comes after a streak of 32; a detach by the sysmon (which also moves it, but only
    // after a millisecond of no progress, tens of thousands of hops) does not count.
    assertTrue(
        hopsBeforeItRan.get() <= 100,
        "the queued task ran only after " + hopsBeforeItRan.get() + " hops");
  }

  /**
   * One worker: a task that always has more work (a flooded actor, queued again behind its worker's
   * local queue after every burst) must not keep a task submitted from outside waiting.
   */
  @Test
  void aTaskThatAlwaysHasMoreDoesNotStarveOneFromOutside() throws Exception {
    Scheduler scheduler = new Scheduler(1, 32);
    AtomicBoolean flooding = new AtomicBoolean(true);
    AtomicInteger bursts = new AtomicInteger();
    AtomicInteger queuedAt = new AtomicInteger(-1);
    AtomicInteger ranAt = new AtomicInteger(-1);
    CountDownLatch ran = new CountDownLatch(1);
    Task outsider =
        worker -> {
          ranAt.set(bursts.get());
          ran.countDown();
          return false;
        };
    scheduler.submitShared(
        worker -> {
          int burst = bursts.incrementAndGet();
          worker.handled();
          if (burst == 100) {
            // Queued on the shared queue from here, so the count of bursts it waits is exact (a
            // test thread submitting it may itself be descheduled for a millisecond of bursts).
            queuedAt.set(burst);
            scheduler.submitShared(outsider);
          }
          return flooding.get();
        });
    try {
      assertTrue(
          ran.await(WAIT_SECONDS, TimeUnit.SECONDS),
          "starved behind " + (bursts.get() - queuedAt.get()) + " bursts");
    } finally {
      flooding.set(false);
    }
    assertTrue(
        ranAt.get() - queuedAt.get() <= 2 * 61,
        "ran only after " + (ranAt.get() - queuedAt.get()) + " bursts of the flooded task");
  }
}
