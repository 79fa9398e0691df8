package io.troupe.internal.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How many workers a scheduler starts (no more than its parallelism while none blocks) and wakes
 * (one for a backlog that one worker soon clears, a second once a backlog lasts).
 */
class WorkerCountTest {

  private static final int ROUNDS = 2_000;

  @Test
  void aBurstOfSubmissionsToParkedWorkersStartsNoSpare() throws InterruptedException {
    Scheduler scheduler = new Scheduler(2, 32);
    startBothWorkers(scheduler);
    for (int round = 0; round < ROUNDS; round++) {
      awaitBothParked(scheduler, round);
      // From a platform thread, as a timer or a socket reader submits: the first two wake the
      // parked workers, and the rest come before either of them runs again.
      CountDownLatch ran = new CountDownLatch(5);
      for (int i = 0; i < 5; i++) {
        scheduler.submitShared(
            worker -> {
              ran.countDown();
              return false;
            });
      }
      assertTrue(ran.await(30, TimeUnit.SECONDS), "round " + round + ": a task never ran");
    }
    // Before the fix a woken worker counted as available only once it ran again, so the third
    // submission of nearly every round started a spare worker (which soon exited as a surplus):
    // 2,309 over 2,000 rounds. A spare is right for a worker the sysmon detached — on a loaded
    // machine one whose carrier is descheduled mid-burst looks stuck — and while it is detached a
    // later round may start another; under six competing busy loops that came to 0.2% of rounds
    // beyond the detaches. So: fewer than one round in twenty, a bound the old count broke 23-fold.
    int spares = scheduler.startedWorkers() - 2 - scheduler.detachedWorkers();
    assertTrue(
        spares < ROUNDS / 20,
        scheduler.startedWorkers()
            + " workers started over "
            + ROUNDS
            + " rounds of bursts, with "
            + scheduler.detachedWorkers()
            + " detached");
  }

  @Test
  void aShortBacklogIsLeftToTheWorkerThatFindsIt() throws InterruptedException {
    Scheduler scheduler = new Scheduler(2, 32);
    startBothWorkers(scheduler);
    int before = scheduler.wakeUps();
    for (int round = 0; round < ROUNDS; round++) {
      awaitBothParked(scheduler, round);
      // Four tasks queued with no wake-up, then a fifth submitted: the worker it wakes finds
      // four more behind the first.
      CountDownLatch ran = new CountDownLatch(5);
      for (int i = 0; i < 5; i++) {
        Task quick =
            worker -> {
              ran.countDown();
              worker.beforeIdle(); // as an actor does before it goes idle
              return false;
            };
        if (i < 4) {
          scheduler.queueSharedWithoutWaking(quick);
        } else {
          scheduler.submitShared(quick);
        }
      }
      assertTrue(ran.await(30, TimeUnit.SECONDS), "round " + round + ": a task never ran");
    }
    // Before, the woken worker's second look found three more queued and woke the other worker:
    // 2.0 wake-ups a round. Now it leaves them to itself for 100 µs, long enough for four quick
    // tasks unless the machine descheduled it meanwhile: well under 1.5 a round.
    int wakeUps = scheduler.wakeUps() - before;
    assertTrue(
        wakeUps < ROUNDS * 3 / 2, wakeUps + " wake-ups over " + ROUNDS + " rounds of five tasks");
  }

  @Test
  void aBacklogThatLastsWakesTheSecondWorker() throws InterruptedException {
    Scheduler scheduler = new Scheduler(2, 32);
    startBothWorkers(scheduler);
    int rounds = 200;
    int shared = 0;
    for (int round = 0; round < rounds; round++) {
      awaitBothParked(scheduler, round);
      // Twenty tasks of 200 µs each: one worker alone needs 4 ms; a helper is due once the
      // backlog has lasted 100 µs, i.e. by the second task.
      Set<Worker> ranOn = ConcurrentHashMap.newKeySet();
      CountDownLatch ran = new CountDownLatch(20);
      for (int i = 0; i < 20; i++) {
        scheduler.submitShared(
            worker -> {
              ranOn.add(worker);
              long end = System.nanoTime() + 200_000;
              while (System.nanoTime() - end < 0) {
                Thread.onSpinWait();
              }
              ran.countDown();
              worker.beforeIdle();
              return false;
            });
      }
      assertTrue(ran.await(30, TimeUnit.SECONDS), "round " + round + ": a task never ran");
      if (ranOn.size() > 1) {
        shared++;
      }
    }
    // Fails if no helper is woken for a lasting backlog: one worker then runs every task. A
    // loaded machine may keep the helper's carrier off the cores for a whole round now and then.
    assertTrue(
        shared >= rounds / 2,
        "both workers ran tasks in only " + shared + " of " + rounds + " rounds");
  }

  /**
   * Runs two tasks that wait for each other, so that both workers exist. NOTE: submitting a few
   * quick tasks is not enough: one worker may take each before the next comes and never need a
   * second (CI saw exactly that: "the workers never both parked").
   */
  private static void startBothWorkers(Scheduler scheduler) throws InterruptedException {
    CountDownLatch both = new CountDownLatch(2);
    CountDownLatch done = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      scheduler.submitShared(
          worker -> {
            both.countDown();
            try {
              both.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            done.countDown();
            return false;
          });
    }
    assertTrue(done.await(30, TimeUnit.SECONDS), "two workers never ran at once");
    assertTrue(both.getCount() == 0, "the two start-up tasks did not meet");
  }

  private static void awaitBothParked(Scheduler scheduler, int round) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (scheduler.idleWorkers() < 2) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("round " + round + ": the workers never both parked");
      }
      Thread.onSpinWait();
    }
  }
}
