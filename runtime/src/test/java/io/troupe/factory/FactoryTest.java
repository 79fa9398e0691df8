package io.troupe.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Node;
import io.troupe.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FactoryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final Node node = Node.create("factory");

  @AfterEach
  void close() {
    node.close();
  }

  /**
   * Records (worker, key, message) for every job; fails on "fail"; waits on the gate for "block".
   */
  static final class Recording implements Worker<String, String, Integer> {
    static final List<String> log = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public Integer start(int workerIndex) {
      return workerIndex;
    }

    @Override
    public Integer handle(Job<String, String> job, Integer index) throws Exception {
      switch (job.message()) {
        case "fail" -> throw new IllegalStateException("asked to fail");
        case "block" -> gate.await();
        default -> {}
      }
      log.add(index + ":" + job.key() + ":" + job.message());
      return index;
    }
  }

  private final List<String> discards = new CopyOnWriteArrayList<>();

  private Factory<String, String> factory(
      Routing routing, int workers, int capacity, DiscardMode mode) {
    Recording.log.clear();
    Recording.gate = new CountDownLatch(0);
    return Factory.<String, String, Integer>builder(Recording::new)
        .workers(workers)
        .routing(routing)
        .queueCapacity(capacity)
        .discardMode(mode)
        .discardHandler((job, reason) -> discards.add(reason + ":" + job.message()))
        .spawn(node, null);
  }

  @Test
  void everyRoutingProcessesEveryJob() {
    for (Routing routing : Routing.Mode.values()) {
      Factory<String, String> f = factory(routing, 3, 1000, DiscardMode.NEWEST);
      for (int i = 0; i < 300; i++) {
        f.submit("k" + (i % 10), "m" + i);
      }
      Await.until(routing + " done", () -> f.stats().processed() == 300);
      FactoryStats stats = f.stats();
      assertEquals(300, stats.submitted());
      assertEquals(0, stats.discardedTotal());
      assertEquals(3, stats.workers());
      assertTrue(f.drainAndWait(WAIT));
    }
  }

  @Test
  void keyPersistentRoutingKeepsAKeyOnOneWorkerInOrder() {
    Factory<String, String> f = factory(Routing.KEY_PERSISTENT, 4, 1000, DiscardMode.NEWEST);
    for (int i = 0; i < 400; i++) {
      f.submit("key" + (i % 8), Integer.toString(i));
    }
    Await.until("all processed", () -> f.stats().processed() == 400);
    Map<String, Set<String>> workersByKey = new ConcurrentHashMap<>();
    Map<String, Integer> lastByKey = new ConcurrentHashMap<>();
    for (String line : Recording.log) {
      String[] p = line.split(":");
      workersByKey.computeIfAbsent(p[1], k -> ConcurrentHashMap.newKeySet()).add(p[0]);
      int n = Integer.parseInt(p[2]);
      Integer last = lastByKey.put(p[1], n);
      assertTrue(last == null || last < n, "order kept for " + p[1]);
    }
    workersByKey.values().forEach(w -> assertEquals(1, w.size()));
  }

  @Test
  void roundRobinUsesEveryWorker() {
    Factory<String, String> f = factory(Routing.ROUND_ROBIN, 4, 1000, DiscardMode.NEWEST);
    for (int i = 0; i < 40; i++) {
      f.submit("same-key", "m" + i);
    }
    Await.until("all processed", () -> f.stats().processed() == 40);
    Set<String> workers = ConcurrentHashMap.newKeySet();
    Recording.log.forEach(l -> workers.add(l.split(":")[0]));
    assertEquals(Set.of("0", "1", "2", "3"), workers);
  }

  @Test
  void aFullQueueShedsTheNewestOrTheOldest() {
    for (DiscardMode mode : DiscardMode.values()) {
      discards.clear();
      Factory<String, String> f = factory(Routing.QUEUER, 1, 2, mode);
      Recording.gate = new CountDownLatch(1);
      f.submit("k", "block"); // occupies the only worker
      Await.until("worker busy", () -> f.stats().queued() == 0 && f.stats().submitted() == 1);
      for (String m : List.of("a", "b", "c", "d")) {
        f.submit("k", m);
      }
      Await.until("shed", () -> f.stats().discarded().get(DiscardReason.LOAD_SHED) == 2);
      Recording.gate.countDown();
      Await.until("rest processed", () -> f.stats().processed() == 3);
      List<String> expected =
          mode == DiscardMode.NEWEST
              ? List.of("LOAD_SHED:c", "LOAD_SHED:d")
              : List.of("LOAD_SHED:a", "LOAD_SHED:b");
      assertEquals(expected, discards, mode.toString());
      assertTrue(f.drainAndWait(WAIT));
    }
  }

  @Test
  void expiredJobsAreDiscardedNotProcessed() {
    Factory<String, String> f = factory(Routing.QUEUER, 1, 100, DiscardMode.NEWEST);
    Recording.gate = new CountDownLatch(1);
    f.submit("k", "block");
    // Submitted ten seconds ago with a one-second time-to-live: expired before it can start.
    f.submit(
        new Job<>(
            "k",
            "stale",
            new JobOptions(java.time.Instant.now().minusSeconds(10), Duration.ofSeconds(1))));
    f.submit(Job.of("k", "fresh", Duration.ofMinutes(1)));
    Recording.gate.countDown();
    Await.until("settled", () -> f.stats().processed() + f.stats().discardedTotal() == 3);
    assertEquals(List.of("TTL_EXPIRED:stale"), discards);
    assertTrue(Recording.log.stream().noneMatch(l -> l.endsWith("stale")));
  }

  @Test
  void aFailedWorkerIsReplacedAndItsJobReported() {
    for (Routing routing : Routing.Mode.values()) {
      discards.clear();
      Factory<String, String> f = factory(routing, 2, 100, DiscardMode.NEWEST);
      f.submit("k", "fail");
      for (int i = 0; i < 20; i++) {
        f.submit("k", "after" + i);
      }
      // The other worker may finish all 20 before the factory handles the failure: await both.
      Await.until(
          routing + " settled",
          () -> f.stats().processed() == 20 && f.stats().discardedTotal() == 1);
      assertEquals(List.of("WORKER_FAILED:fail"), discards);
      assertEquals(2, f.stats().workers());
      assertTrue(f.drainAndWait(WAIT));
    }
  }

  @Test
  void drainFinishesAcceptedJobsAndRefusesNewOnes() {
    Factory<String, String> f = factory(Routing.QUEUER, 2, 100, DiscardMode.NEWEST);
    Recording.gate = new CountDownLatch(1);
    for (int i = 0; i < 10; i++) {
      f.submit("k", "block");
    }
    f.drain();
    f.submit("k", "too late");
    Await.until("refused", () -> discards.contains("SHUTDOWN:too late"));
    Recording.gate.countDown();
    assertTrue(f.ref().awaitExit(WAIT));
    assertEquals(10, f.stats().processed());
    assertEquals(List.of("SHUTDOWN:too late"), discards);
  }

  @Test
  void stoppingReportsEveryUnprocessedJobAsShutdown() {
    Factory<String, String> f = factory(Routing.QUEUER, 1, 100, DiscardMode.NEWEST);
    Recording.gate = new CountDownLatch(1);
    for (int i = 0; i < 5; i++) {
      f.submit("k", "block");
    }
    Await.until("queued", () -> f.stats().queued() == 4);
    assertTrue(f.ref().stopAndWait("bye", WAIT));
    Recording.gate.countDown();
    assertEquals(5, discards.stream().filter(d -> d.startsWith("SHUTDOWN")).count());
  }

  /** Counts each job id it handles. */
  static final class Counting implements Worker<Integer, Integer, Void> {
    static volatile AtomicIntegerArray handled;

    @Override
    public Void start(int workerIndex) {
      return null;
    }

    @Override
    public Void handle(Job<Integer, Integer> job, Void state) {
      handled.incrementAndGet(job.message());
      return null;
    }
  }

  @Test
  void aMillionJobsFromEightSubmittersAreEachProcessedOrDiscardedExactlyOnce() throws Exception {
    int total = 1_000_000;
    int submitters = 8;
    Counting.handled = new AtomicIntegerArray(total);
    AtomicIntegerArray discarded = new AtomicIntegerArray(total);
    Factory<Integer, Integer> f =
        Factory.<Integer, Integer, Void>builder(Counting::new)
            .workers(4)
            .routing(Routing.QUEUER)
            .queueCapacity(50_000)
            .discardHandler((job, reason) -> discarded.incrementAndGet(job.message()))
            .spawn(node, "stress");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < submitters; t++) {
      int first = t;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int id = first; id < total; id += submitters) {
                      f.submit(id, id);
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(f.drainAndWait(Duration.ofSeconds(60)));
    long processed = 0;
    for (int id = 0; id < total; id++) {
      int h = Counting.handled.get(id);
      int d = discarded.get(id);
      assertEquals(1, h + d, "job " + id + " handled " + h + " and discarded " + d);
      processed += h;
    }
    assertEquals(processed, f.stats().processed());
    assertEquals(total, f.stats().submitted());
    assertEquals(total - processed, f.stats().discardedTotal());
  }

  /** Counts each job id it handles successfully; ids divisible by 997 always fail. */
  static final class Failing implements Worker<Integer, Integer, Void> {
    static volatile AtomicIntegerArray handled;

    @Override
    public Void start(int workerIndex) {
      return null;
    }

    @Override
    public Void handle(Job<Integer, Integer> job, Void state) {
      if (job.message() % 997 == 0) {
        throw new IllegalStateException("job " + job.message() + " always fails");
      }
      handled.incrementAndGet(job.message());
      return null;
    }
  }

  @Test
  void resizingWhileFourSubmittersRunLosesAndDuplicatesNothingUnderEveryRouting() throws Exception {
    int total = 40_000;
    int submitters = 4;
    for (Routing routing : Routing.Mode.values()) {
      for (int prefetch : new int[] {1, 8}) {
        Failing.handled = new AtomicIntegerArray(total);
        AtomicIntegerArray discarded = new AtomicIntegerArray(total);
        AtomicReferenceArray<DiscardReason> reasons = new AtomicReferenceArray<>(total);
        Factory<Integer, Integer> f =
            Factory.<Integer, Integer, Void>builder(Failing::new)
                .workers(3)
                .routing(routing)
                .prefetch(prefetch)
                .retries(1)
                .queueCapacity(2_000)
                .discardHandler(
                    (job, reason) -> {
                      discarded.incrementAndGet(job.message());
                      reasons.set(job.message(), reason);
                    })
                .spawn(node, null);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < submitters; t++) {
          int first = t;
          threads.add(
              Thread.ofPlatform()
                  .start(
                      () -> {
                        for (int id = first; id < total; id += submitters) {
                          f.submit(id % 64, id);
                        }
                      }));
        }
        Thread resizer =
            Thread.ofPlatform()
                .start(
                    () -> {
                      int size = 3;
                      while (!Thread.currentThread().isInterrupted()) {
                        size = size % 6 + 1;
                        f.resize(size);
                        LockSupport.parkNanos(200_000);
                      }
                    });
        for (Thread t : threads) {
          t.join();
        }
        resizer.interrupt();
        resizer.join();
        assertTrue(f.drainAndWait(WAIT));
        long failedOnAWorker = 0;
        for (int id = 0; id < total; id++) {
          int h = Failing.handled.get(id);
          int d = discarded.get(id);
          String what = routing + "/" + prefetch + ": job " + id;
          assertEquals(1, h + d, what + " handled " + h + ", discarded " + d);
          DiscardReason reason = reasons.get(id);
          if (id % 997 == 0) {
            assertEquals(0, h, what);
            assertTrue(
                reason == DiscardReason.WORKER_FAILED || reason == DiscardReason.LOAD_SHED,
                what + ": " + reason);
            failedOnAWorker += reason == DiscardReason.WORKER_FAILED ? 1 : 0;
          } else {
            assertTrue(reason == null || reason == DiscardReason.LOAD_SHED, what + ": " + reason);
          }
        }
        FactoryStats stats = f.stats();
        assertEquals(total, stats.submitted());
        assertEquals(total, stats.processed() + stats.discardedTotal());
        assertEquals(
            failedOnAWorker,
            stats.discarded(DiscardReason.WORKER_FAILED),
            routing + "/" + prefetch);
        assertEquals(
            failedOnAWorker,
            stats.retried(),
            routing + "/" + prefetch + ": each failed job was retried once");
      }
    }
  }

  @Test
  void submitsRacingAStopOrADrainAreEachProcessedOrReportedOrRefused() throws Exception {
    for (boolean drain : new boolean[] {false, true}) {
      for (int round = 0; round < 3; round++) {
        Counting.handled = new AtomicIntegerArray(1_000_000);
        AtomicIntegerArray discarded = new AtomicIntegerArray(1_000_000);
        Factory<Integer, Integer> f =
            Factory.<Integer, Integer, Void>builder(Counting::new)
                .workers(2)
                .discardHandler((job, reason) -> discarded.incrementAndGet(job.message()))
                .spawn(node, null);
        java.util.concurrent.atomic.AtomicInteger accepted =
            new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch going = new CountDownLatch(2);
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          int first = t;
          submitters.add(
              Thread.ofPlatform()
                  .start(
                      () -> {
                        going.countDown();
                        for (int id = first; id < 1_000_000; id += 2) {
                          try {
                            f.submit(id, id);
                            accepted.incrementAndGet();
                          } catch (io.troupe.MessagingException refused) {
                            return; // the factory no longer accepts jobs: this one is not accepted
                          }
                        }
                      }));
        }
        going.await();
        assertTrue(drain ? f.drainAndWait(WAIT) : f.stopAndWait(WAIT));
        for (Thread t : submitters) {
          t.join();
        }
        FactoryStats stats = f.stats();
        assertEquals(accepted.get(), stats.submitted());
        assertEquals(
            stats.submitted(),
            stats.processed() + stats.discardedTotal(),
            (drain ? "drain" : "stop") + " " + round);
        long accounted = 0;
        for (int id = 0; id < 1_000_000; id++) {
          int once = Counting.handled.get(id) + discarded.get(id);
          assertTrue(once <= 1, "job " + id + " handled and discarded");
          accounted += once;
        }
        assertEquals(accepted.get(), accounted, "every accepted job handled or reported");
      }
    }
  }
}
