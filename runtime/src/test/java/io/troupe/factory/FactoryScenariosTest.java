package io.troupe.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Node;
import io.troupe.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One nested class per scenario of ractor's factory tests, plus sticky queuer, custom routing and
 * the dead-man's switch.
 */
class FactoryScenariosTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final Node node = Node.create("factory-scenarios");
  private final Probe probe = new Probe();

  @AfterEach
  void close() {
    probe.openGate();
    node.close();
  }

  private static Set<String> workersOf(List<String> log) {
    return log.stream().map(l -> l.split(":")[0]).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> indexes(int n) {
    return IntStream.range(0, n)
        .mapToObj(Integer::toString)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Nested
  class Basic {
    @Test
    void everyRoutingIncludingCustomProcessesEveryJobOnce() {
      List<Routing> routings = new ArrayList<>(List.of(Routing.Mode.values()));
      routings.add(Routing.<String>custom((key, workers) -> Math.floorMod(key.length(), workers)));
      for (Routing routing : routings) {
        probe.log.clear();
        Factory<String, String> f = probe.builder().workers(3).routing(routing).spawn(node, null);
        for (int i = 0; i < 300; i++) {
          f.submit("k".repeat(1 + i % 7), "m" + i);
        }
        Await.until(routing + " done", () -> f.stats().processed() == 300, WAIT);
        assertEquals(300, new HashSet<>(probe.messages()).size(), routing.toString());
        assertEquals(0, f.stats().discardedTotal());
        assertTrue(f.drainAndWait(WAIT));
      }
    }

    @Test
    void keyPersistentAndCustomRoutingKeepEachKeyOnOneWorkerInOrder() {
      for (Routing routing :
          List.of(Routing.KEY_PERSISTENT, Routing.<String>custom((k, n) -> k.charAt(3) % n))) {
        probe.log.clear();
        Factory<String, String> f = probe.builder().workers(4).routing(routing).spawn(node, null);
        for (int i = 0; i < 400; i++) {
          f.submit("key" + (i % 8), Integer.toString(i));
        }
        Await.until("all processed", () -> f.stats().processed() == 400, WAIT);
        Map<String, String> workerOfKey = new HashMap<>();
        Map<String, Integer> lastOfKey = new HashMap<>();
        for (String line : probe.log) {
          String[] p = line.split(":");
          String before = workerOfKey.putIfAbsent(p[1], p[0]);
          assertTrue(before == null || before.equals(p[0]), p[1] + " stays on one worker");
          Integer last = lastOfKey.put(p[1], Integer.parseInt(p[2]));
          assertTrue(last == null || last < Integer.parseInt(p[2]), "order kept for " + p[1]);
        }
      }
    }

    @Test
    void roundRobinUsesEveryWorker() {
      Factory<String, String> f =
          probe.builder().workers(4).routing(Routing.ROUND_ROBIN).spawn(node, null);
      for (int i = 0; i < 40; i++) {
        f.submit("same-key", "m" + i);
      }
      Await.until("all processed", () -> f.stats().processed() == 40, WAIT);
      assertEquals(indexes(4), workersOf(probe.log));
    }
  }

  @Nested
  class Draining {
    @Test
    void drainFinishesQueuedJobsUnderEveryRoutingAndRefusesNewOnes() {
      for (Routing routing : Routing.Mode.values()) {
        probe.discards.clear();
        probe.closeGate();
        Factory<String, String> f = probe.builder().workers(2).routing(routing).spawn(node, null);
        for (int i = 0; i < 10; i++) {
          f.submit("k" + i, "block");
        }
        f.drain();
        f.submit("k", "too late");
        Await.until("refused", () -> probe.discards.contains("SHUTDOWN:too late"), WAIT);
        assertFalse(f.ref().awaitExit(Duration.ZERO), "still draining while jobs wait");
        probe.openGate();
        assertTrue(f.ref().awaitExit(WAIT), routing.toString());
        assertEquals(10, f.stats().processed());
        assertEquals(List.of("SHUTDOWN:too late"), probe.discards);
      }
    }
  }

  @Nested
  class Stopping {
    @Test
    void stopReportsWaitingJobsAtOnceAndLetsRunningOnesFinish() {
      Factory<String, String> f = probe.builder().workers(1).spawn(node, null);
      probe.closeGate();
      for (int i = 0; i < 5; i++) {
        f.submit("k", "block");
      }
      Await.until(
          "one running, four waiting",
          () -> f.stats().busy() == 1 && f.stats().queued() == 4,
          WAIT);
      f.stop();
      Await.until(
          "waiting jobs reported", () -> probe.discarded(DiscardReason.SHUTDOWN) == 4, WAIT);
      assertFalse(f.ref().awaitExit(Duration.ZERO), "the running job is not cut short");
      probe.openGate();
      assertTrue(f.ref().awaitExit(WAIT));
      assertEquals(1, f.stats().processed());
      assertEquals(4, f.stats().discardedTotal());
      assertThrows(io.troupe.MessagingException.class, () -> f.submit("k", "after"));
    }
  }

  @Nested
  class DynamicDiscarding {
    @Test
    void aControllerRaisesAndLowersTheLimitAtRunTime() {
      AtomicInteger target = new AtomicInteger(2);
      AtomicInteger calls = new AtomicInteger();
      Factory<String, String> f =
          probe
              .builder()
              .workers(1)
              .discardSettings(
                  DiscardSettings.dynamic(
                      2,
                      DiscardMode.NEWEST,
                      current -> {
                        calls.incrementAndGet();
                        return target.get();
                      },
                      Duration.ofMillis(10)))
              .spawn(node, null);
      probe.closeGate();
      f.submit("k", "block");
      for (String m : List.of("a", "b", "c", "d")) {
        f.submit("k", m);
      }
      Await.until("two shed", () -> f.stats().discarded(DiscardReason.LOAD_SHED) == 2, WAIT);
      assertEquals(List.of("LOAD_SHED:c", "LOAD_SHED:d"), probe.discards);

      target.set(5);
      int seen = calls.get();
      Await.until("the controller ran again", () -> calls.get() >= seen + 2, WAIT);
      for (String m : List.of("e", "f", "g", "h")) {
        f.submit("k", m);
      }
      Await.until("h shed", () -> f.stats().discarded(DiscardReason.LOAD_SHED) == 3, WAIT);
      assertEquals(5, f.stats().queued());
      assertEquals("LOAD_SHED:h", probe.discards.getLast());

      target.set(1); // lowered: the newest beyond the limit are shed at once
      Await.until("excess shed", () -> f.stats().discarded(DiscardReason.LOAD_SHED) == 7, WAIT);
      assertEquals(
          List.of("LOAD_SHED:g", "LOAD_SHED:f", "LOAD_SHED:e", "LOAD_SHED:b"),
          probe.discards.subList(3, 7));
      probe.openGate();
      Await.until("rest processed", () -> f.stats().processed() == 2, WAIT);
      assertEquals(List.of("block", "a"), probe.messages());
    }
  }

  @Nested
  class DynamicPool {
    @Test
    void resizingByHandGrowsAndShrinksThePool() {
      Factory<String, String> f =
          probe.builder().workers(4).routing(Routing.ROUND_ROBIN).spawn(node, null);
      for (int i = 0; i < 50; i++) {
        f.submit("k", "a" + i);
      }
      Await.until("first batch", () -> f.stats().processed() == 50, WAIT);
      assertEquals(indexes(4), workersOf(probe.log));

      probe.log.clear();
      f.resize(25);
      for (int i = 0; i < 50; i++) {
        f.submit("k", "b" + i);
      }
      Await.until("second batch", () -> f.stats().processed() == 100, WAIT);
      assertEquals(indexes(25), workersOf(probe.log));
      assertEquals(25, f.stats().workers());

      probe.log.clear();
      f.resize(3);
      for (int i = 0; i < 30; i++) {
        f.submit("k", "c" + i);
      }
      Await.until("third batch", () -> f.stats().processed() == 130, WAIT);
      assertEquals(indexes(3), workersOf(probe.log));
      assertEquals(3, f.stats().workers());
      assertEquals(0, f.stats().discardedTotal());
    }

    @Test
    void shrinkingLosesNoJobWaitingForARemovedWorker() {
      for (Routing routing : Routing.Mode.values()) {
        Probe p = new Probe();
        p.closeGate();
        Factory<String, String> f =
            p.builder().workers(4).routing(routing).queueCapacity(40).spawn(node, null);
        for (int i = 0; i < 4; i++) {
          f.submit("key" + i, "block");
        }
        Await.until("all busy", () -> f.stats().busy() == 4, WAIT);
        for (int i = 0; i < 40; i++) {
          f.submit("key" + (i % 4), "m" + i);
        }
        f.resize(1);
        Await.until("resized", () -> f.stats().workers() == 1, WAIT);
        p.openGate();
        Await.until(routing + ": all processed", () -> f.stats().processed() == 44, WAIT);
        assertEquals(List.of(), p.discards, routing.toString());
        p.log.clear();
        for (int i = 0; i < 10; i++) {
          f.submit("key" + i, "after" + i);
        }
        Await.until("after the shrink", () -> f.stats().processed() == 54, WAIT);
        assertEquals(Set.of("0"), workersOf(p.log), routing + ": only worker 0 is left");
        assertTrue(f.drainAndWait(WAIT));
      }
    }

    @Test
    void aControllerSetsThePoolSize() {
      Factory<String, String> f =
          probe
              .builder()
              .workers(4)
              .routing(Routing.ROUND_ROBIN)
              .poolSizeController(current -> 10, Duration.ofMillis(10))
              .spawn(node, null);
      Await.until("grown", () -> f.stats().workers() == 10, WAIT);
      for (int i = 0; i < 50; i++) {
        f.submit("k", "m" + i);
      }
      Await.until("processed", () -> f.stats().processed() == 50, WAIT);
      assertEquals(indexes(10), workersOf(probe.log));
    }
  }

  @Nested
  class DynamicSettings {
    @Test
    void capacityDiscardModeRateLimitAndDeadMansSwitchChangeAtRunTime() {
      Factory<String, String> f = probe.builder().workers(1).queueCapacity(100).spawn(node, null);
      probe.closeGate();
      f.submit("k", "block");
      for (int i = 0; i < 10; i++) {
        f.submit("k", "m" + i);
      }
      f.queueCapacity(3); // NEWEST kept: m3..m9 are shed, newest first
      Await.until("lowered", () -> f.stats().discarded(DiscardReason.LOAD_SHED) == 7, WAIT);
      assertEquals("LOAD_SHED:m3", probe.discards.getLast());

      f.discardSettings(DiscardSettings.staticLimit(3, DiscardMode.OLDEST));
      f.submit("k", "x");
      Await.until("oldest shed", () -> probe.discards.contains("LOAD_SHED:m0"), WAIT);

      f.discardSettings(DiscardSettings.none());
      for (int i = 0; i < 50; i++) {
        f.submit("k", "n" + i);
      }
      Await.until("all queued", () -> f.stats().queued() == 53, WAIT);
      probe.openGate();
      Await.until("processed", () -> f.stats().processed() == 54, WAIT);

      f.rateLimit(RateLimit.of(2, Duration.ofHours(1)));
      for (int i = 0; i < 5; i++) {
        f.submit("k", "r" + i);
      }
      Await.until("rate limited", () -> f.stats().discarded(DiscardReason.RATE_LIMITED) == 3, WAIT);
      f.removeRateLimit();
      f.submit("k", "free");
      Await.until("unlimited again", () -> probe.messages().contains("free"), WAIT);

      f.deadMansSwitch(Duration.ofMillis(100));
      f.submit("k", "hang");
      f.submit("k", "next");
      Await.until("stuck job reported", () -> probe.discards.contains("STUCK:hang"), WAIT);
      Await.until("replacement works", () -> probe.messages().contains("next"), WAIT);
      assertEquals(1, f.stats().workers());
    }
  }

  @Nested
  class Lifecycle {
    @Test
    void hooksRunOnStartDrainAndStopInOrder() {
      List<String> events = new CopyOnWriteArrayList<>();
      Factory<String, String> f =
          probe
              .builder()
              .workers(2)
              .lifecycle(
                  new FactoryLifecycle() {
                    @Override
                    public void started() {
                      events.add("started");
                    }

                    @Override
                    public void draining() {
                      events.add("draining");
                      throw new IllegalStateException("a failing hook is logged, not fatal");
                    }

                    @Override
                    public void stopped() {
                      events.add("stopped after " + probe.discards.size() + " discards");
                    }
                  })
              .spawn(node, null);
      Await.until("started", () -> events.equals(List.of("started")), WAIT);
      probe.closeGate();
      f.submit("k", "block");
      f.drain();
      f.submit("k", "late");
      Await.until("draining", () -> events.contains("draining"), WAIT);
      assertEquals(List.of("started", "draining"), events);
      probe.openGate();
      assertTrue(f.ref().awaitExit(WAIT));
      assertEquals(List.of("started", "draining", "stopped after 1 discards"), events);
    }

    @Test
    void stoppingReportsEveryWaitingJobBeforeTheStoppedHook() {
      List<String> events = new CopyOnWriteArrayList<>();
      Factory<String, String> f =
          probe
              .builder()
              .workers(1)
              .lifecycle(
                  new FactoryLifecycle() {
                    @Override
                    public void stopped() {
                      events.add("stopped after " + probe.discarded(DiscardReason.SHUTDOWN));
                    }
                  })
              .spawn(node, null);
      probe.closeGate();
      for (int i = 0; i < 5; i++) {
        f.submit("k", "block");
      }
      Await.until("queued", () -> f.stats().queued() == 4, WAIT);
      assertTrue(f.ref().stopAndWait("bye", WAIT));
      assertEquals(List.of("stopped after 5"), events);
      assertEquals(0, f.stats().workers());
    }
  }

  @Nested
  class PriorityQueueing {
    @Test
    void higherPrioritiesRunFirstAndFifoWithinALevel() {
      Factory<String, String> f = probe.builder().workers(1).priorityQueue(3).spawn(node, null);
      probe.closeGate();
      f.submit("k", "block");
      Await.until("busy", () -> f.stats().busy() == 1, WAIT);
      f.submit(Job.of("k", "low1"));
      f.submit(Job.of("k", "high1").withPriority(2));
      f.submit(Job.of("k", "mid1").withPriority(1));
      f.submit(Job.of("k", "high2").withPriority(2));
      f.submit(Job.of("k", "low2"));
      Await.until("queued", () -> f.stats().queued() == 5, WAIT);
      probe.openGate();
      Await.until("processed", () -> f.stats().processed() == 6, WAIT);
      assertEquals(List.of("block", "high1", "high2", "mid1", "low1", "low2"), probe.messages());
    }

    @Test
    void aPriorityFunctionAndPerWorkerQueuesUnderKeyPersistentRouting() {
      Factory<String, String> f =
          probe
              .builder()
              .workers(2)
              .routing(Routing.KEY_PERSISTENT)
              .priorityQueue(2, job -> job.message().startsWith("urgent") ? 1 : 0)
              .spawn(node, null);
      probe.closeGate();
      f.submit("k", "block");
      Await.until("busy", () -> f.stats().busy() == 1, WAIT);
      f.submit("k", "a");
      f.submit("k", "urgent-b");
      f.submit("k", "c");
      f.submit("k", "urgent-d");
      Await.until("queued", () -> f.stats().queued() == 4, WAIT);
      probe.openGate();
      Await.until("processed", () -> f.stats().processed() == 5, WAIT);
      assertEquals(List.of("block", "urgent-b", "urgent-d", "a", "c"), probe.messages());
    }

    @Test
    void aFullPriorityQueueShedsTheLeastUrgent() {
      Factory<String, String> f =
          probe.builder().workers(1).priorityQueue(3).queueCapacity(2).spawn(node, null);
      probe.closeGate();
      f.submit("k", "block");
      Await.until("busy", () -> f.stats().busy() == 1, WAIT);
      f.submit(Job.of("k", "low1"));
      f.submit(Job.of("k", "low2"));
      f.submit(
          Job.of("k", "high").withPriority(2)); // low2, the newest of the lowest level, gives way
      f.submit(Job.of("k", "low3")); // as low as the lowest queued: it gives way itself
      Await.until("shed", () -> f.stats().discarded(DiscardReason.LOAD_SHED) == 2, WAIT);
      assertEquals(List.of("LOAD_SHED:low2", "LOAD_SHED:low3"), probe.discards);
      probe.openGate();
      Await.until("processed", () -> f.stats().processed() == 3, WAIT);
      assertEquals(List.of("block", "high", "low1"), probe.messages());
    }

    @Test
    void aPriorityOutsideTheLevelsIsRefusedOnSubmit() {
      Factory<String, String> f = probe.builder().workers(1).priorityQueue(3).spawn(node, null);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> f.submit(Job.of("k", "x").withPriority(3)));
      assertTrue(e.getMessage().contains("outside the factory's levels 0 to 2"), e.getMessage());
      assertEquals(0, f.stats().submitted());
    }
  }

  @Nested
  class Accounting {
    @Test
    void busyQueuedWaitingAndProcessingTimesAreTracked() {
      Factory<String, String> f = probe.builder().workers(2).spawn(node, null);
      probe.closeGate();
      f.submit("a", "block");
      f.submit("b", "block");
      for (int i = 0; i < 8; i++) {
        f.submit("k", "m" + i);
      }
      Await.until(
          "two busy, eight queued", () -> f.stats().busy() == 2 && f.stats().queued() == 8, WAIT);
      long observed = System.nanoTime();
      FactoryStats during = f.stats();
      assertEquals(0, during.processingTime().count());
      assertEquals(2, during.waitingTime().count());
      // Hold the gate a measurable while (a lower bound only: the test never depends on upper
      // bounds).
      Await.until("some time passes", () -> System.nanoTime() - observed > 20_000_000L, WAIT);
      long released = System.nanoTime();
      probe.openGate();
      Await.until("processed", () -> f.stats().processed() == 10, WAIT);
      Await.until("idle", () -> f.stats().busy() == 0, WAIT);
      FactoryStats after = f.stats();
      assertEquals(0, after.queued());
      assertEquals(10, after.processingTime().count());
      assertEquals(10, after.waitingTime().count());
      assertTrue(
          after.processingTime().maxNanos() >= released - observed,
          "a blocked job took the whole hold");
      assertTrue(
          after.waitingTime().maxNanos() >= released - observed,
          "queued jobs waited the whole hold");
      assertTrue(after.processingTime().meanNanos() > 0);
      assertEquals(10, after.submitted());
    }

    @Test
    void busyWorkersNeverExceedThePoolWhileJobsFlowThroughTheQueue() throws Exception {
      Factory<String, String> f = probe.builder().workers(2).spawn(node, null);
      AtomicLong maxBusy = new AtomicLong();
      Thread watcher =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                      maxBusy.accumulateAndGet(f.stats().busy(), Math::max);
                    }
                  });
      for (int i = 0; i < 2000; i++) {
        f.submit("k" + i, "m" + i);
      }
      Await.until("processed", () -> f.stats().processed() == 2000, WAIT);
      watcher.interrupt();
      watcher.join();
      assertTrue(maxBusy.get() <= 2, "busy " + maxBusy.get());
      Await.until("idle", () -> f.stats().busy() == 0 && f.stats().queued() == 0, WAIT);
    }
  }

  @Nested
  class RateLimiting {
    @Test
    void aHardCapRateLimitsTheRestUnderEveryRouting() {
      List<Routing> routings = new ArrayList<>(List.of(Routing.Mode.values()));
      routings.add(Routing.<String>custom((key, workers) -> 0));
      for (Routing routing : routings) {
        Probe p = new Probe();
        Factory<String, String> f =
            p.builder()
                .workers(1)
                .routing(routing)
                .rateLimit(RateLimit.of(5, Duration.ofHours(1)))
                .spawn(node, null);
        for (int i = 0; i < 10; i++) {
          f.submit("k", "m" + i);
        }
        assertTrue(f.drainAndWait(WAIT));
        assertEquals(5, f.stats().processed(), routing.toString());
        assertEquals(
            List.of(
                "RATE_LIMITED:m5",
                "RATE_LIMITED:m6",
                "RATE_LIMITED:m7",
                "RATE_LIMITED:m8",
                "RATE_LIMITED:m9"),
            p.discards);
      }
    }

    @Test
    void theBucketRefillsOverTime() {
      AtomicLong now = new AtomicLong();
      Factory<String, String> f =
          probe
              .builder()
              .workers(1)
              .rateLimit(RateLimit.of(5, Duration.ofMillis(500)))
              .clock(now::get)
              .spawn(node, null);
      for (int i = 0; i < 6; i++) {
        f.submit("k", "m" + i);
      }
      Await.until("sixth refused", () -> probe.discards.equals(List.of("RATE_LIMITED:m5")), WAIT);
      now.addAndGet(Duration.ofMillis(100).toNanos()); // one token back
      f.submit("k", "later");
      f.submit("k", "too soon");
      assertTrue(f.drainAndWait(WAIT));
      assertEquals(6, f.stats().processed());
      assertEquals(List.of("RATE_LIMITED:m5", "RATE_LIMITED:too soon"), probe.discards);
    }

    @Test
    void delayedExcessRunsLaterAndNothingIsLost() {
      Factory<String, String> f =
          probe
              .builder()
              .workers(2)
              .rateLimit(RateLimit.of(10, Duration.ofMillis(200)).delayingExcess())
              .spawn(node, null);
      long start = System.nanoTime();
      for (int i = 0; i < 30; i++) {
        f.submit("k", "m" + i);
      }
      Await.until("processed", () -> f.stats().processed() == 30, WAIT);
      long elapsed = System.nanoTime() - start;
      // 20 jobs beyond the burst at one token per 20 ms cannot finish in less than ~400 ms.
      assertTrue(
          elapsed >= Duration.ofMillis(350).toNanos(), "elapsed " + elapsed / 1_000_000 + " ms");
      assertEquals(List.of(), probe.discards);
      assertEquals(indexes(30).size(), new HashSet<>(probe.messages()).size());
    }

    @Test
    void heldJobsAreReportedShutdownWhenTheFactoryStops() {
      Factory<String, String> f =
          probe
              .builder()
              .workers(1)
              .rateLimit(RateLimit.of(1, Duration.ofHours(1)).delayingExcess())
              .spawn(node, null);
      for (int i = 0; i < 4; i++) {
        f.submit("k", "m" + i);
      }
      Await.until("held", () -> f.stats().queued() == 3, WAIT);
      assertTrue(f.ref().stopAndWait("bye", WAIT));
      assertEquals(List.of("SHUTDOWN:m1", "SHUTDOWN:m2", "SHUTDOWN:m3"), probe.discards);
    }
  }

  @Nested
  class WorkerLifecycle {
    @Test
    void aWorkerThatDiesIsRestartedAndTakesTheNextJobs() {
      Factory<String, String> f =
          probe.builder().workers(1).routing(Routing.ROUND_ROBIN).spawn(node, null);
      probe.closeGate();
      f.submit("k", "block");
      f.submit("k", "fail");
      for (int i = 0; i < 5; i++) {
        f.submit("k", "inc" + i);
      }
      Await.until("queued behind the busy worker", () -> f.stats().queued() == 6, WAIT);
      probe.openGate();
      Await.until("all settled", () -> f.stats().processed() == 6, WAIT);
      assertEquals(List.of("WORKER_FAILED:fail"), probe.discards);
      assertEquals(2, probe.starts.get(), "the replacement ran start()");
      assertEquals(List.of("block", "inc0", "inc1", "inc2", "inc3", "inc4"), probe.messages());
    }

    @Test
    void aWorkerStoppedFromOutsideIsReplaced() {
      Factory<String, String> f = probe.builder().workers(1).spawn(node, null);
      probe.closeGate();
      f.submit("k", "block");
      Await.until("busy", () -> f.stats().busy() == 1, WAIT);
      f.ref().children().getFirst().kill();
      Await.until("reported", () -> probe.discards.equals(List.of("WORKER_FAILED:block")), WAIT);
      f.submit("k", "after");
      Await.until("replacement works", () -> probe.messages().contains("after"), WAIT);
      // The killed worker may still be ending (its in-band failure report can come first).
      Await.until("one worker", () -> f.ref().children().size() == 1, WAIT);
    }
  }

  @Nested
  class StickyQueuer {
    @Test
    void jobsOfABusyKeyFollowTheWorkerHoldingIt() {
      Factory<String, String> f =
          probe.builder().workers(2).routing(Routing.STICKY_QUEUER).spawn(node, null);
      probe.closeGate();
      f.submit("hot", "block");
      Await.until("busy", () -> f.stats().busy() == 1, WAIT);
      for (int i = 0; i < 5; i++) {
        f.submit("hot", "hot" + i);
        f.submit("cold" + i, "cold" + i);
      }
      // The other worker is free, yet the hot key's jobs wait for the worker that holds it.
      Await.until("cold keys done", () -> f.stats().processed() == 5, WAIT);
      assertEquals(5, f.stats().queued());
      assertTrue(probe.messages().stream().allMatch(m -> m.startsWith("cold")));
      probe.openGate();
      Await.until("hot keys done", () -> f.stats().processed() == 11, WAIT);
      Set<String> hotWorkers =
          probe.log.stream()
              .filter(l -> l.split(":")[1].equals("hot"))
              .map(l -> l.split(":")[0])
              .collect(Collectors.toSet());
      assertEquals(1, hotWorkers.size(), "one worker ran every hot job");
      List<String> hot =
          probe.messages().stream().filter(m -> m.startsWith("hot") || m.equals("block")).toList();
      assertEquals(List.of("block", "hot0", "hot1", "hot2", "hot3", "hot4"), hot);
    }
  }

  @Nested
  class CustomRouting {
    @Test
    void theFunctionPicksTheWorker() {
      Factory<String, String> f =
          probe
              .builder()
              .workers(3)
              .routing(Routing.<String>custom((key, workers) -> Integer.parseInt(key.substring(1))))
              .spawn(node, null);
      for (int i = 0; i < 30; i++) {
        f.submit("w" + (i % 3), "m" + i);
      }
      Await.until("processed", () -> f.stats().processed() == 30, WAIT);
      for (String line : probe.log) {
        String[] p = line.split(":");
        assertEquals("w" + p[0], p[1]);
      }
    }

    @Test
    void anIndexOutOfRangeIsRefusedOnSubmitWithAClearError() {
      Factory<String, String> f =
          probe
              .builder()
              .workers(3)
              .routing(Routing.<String>custom((key, workers) -> 7))
              .spawn(node, null);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> f.submit("k", "m"));
      assertEquals(
          "custom routing sent key k to worker 7, but the factory has 3 workers (valid indexes 0 to 2)",
          e.getMessage());
      assertEquals(0, f.stats().submitted());
    }

    @Test
    void aFunctionFailingOnTheFactoryThreadDiscardsTheJobAsRoutingFailed() {
      Thread submitter = Thread.currentThread();
      Factory<String, String> f =
          probe
              .builder()
              .workers(2)
              .routing(
                  Routing.<String>custom(
                      (key, workers) -> {
                        if (Thread.currentThread() == submitter) {
                          return 0;
                        }
                        throw new IllegalStateException("no route on the factory's thread");
                      }))
              .spawn(node, null);
      f.submit("k", "m");
      Await.until("reported", () -> probe.discards.equals(List.of("ROUTING_FAILED:m")), WAIT);
      assertEquals(1, f.stats().discarded(DiscardReason.ROUTING_FAILED));
    }
  }

  @Nested
  class DeadMansSwitch {
    @Test
    void aStuckWorkerIsKilledReplacedAndItsJobReported() {
      Factory<String, String> f =
          probe.builder().workers(2).deadMansSwitch(Duration.ofMillis(100)).spawn(node, null);
      f.submit("k", "hang");
      Await.until("busy", () -> f.stats().busy() == 1, WAIT);
      for (int i = 0; i < 10; i++) {
        f.submit("k", "m" + i);
      }
      Await.until("reported stuck", () -> probe.discards.equals(List.of("STUCK:hang")), WAIT);
      Await.until("processed", () -> f.stats().processed() == 10, WAIT);
      Await.until("two workers and one replacement started", () -> probe.starts.get() == 3, WAIT);
      Await.until("two workers again", () -> f.ref().children().size() == 2, WAIT);
      assertEquals(1, f.stats().discarded(DiscardReason.STUCK));
    }

    @Test
    void aWorkerThatFinishesInTimeIsLeftAlone() {
      Factory<String, String> f =
          probe.builder().workers(1).deadMansSwitch(Duration.ofSeconds(30)).spawn(node, null);
      probe.closeGate();
      f.submit("k", "block");
      Await.until("busy", () -> f.stats().busy() == 1, WAIT);
      probe.openGate();
      Await.until("processed", () -> f.stats().processed() == 1, WAIT);
      assertEquals(List.of(), probe.discards);
      assertEquals(1, probe.starts.get());
    }
  }

  @Nested
  class Prefetch {
    @Test
    void everyRoutingProcessesEveryJobWithAWindow() {
      for (Routing routing : Routing.Mode.values()) {
        Probe p = new Probe();
        Factory<String, String> f =
            p.builder().workers(3).prefetch(8).routing(routing).spawn(node, null);
        for (int i = 0; i < 500; i++) {
          f.submit("k" + (i % 11), "m" + i);
        }
        Await.until(routing + " done", () -> f.stats().processed() == 500, WAIT);
        assertEquals(500, new HashSet<>(p.messages()).size());
        assertTrue(f.drainAndWait(WAIT));
        assertEquals(List.of(), p.discards);
      }
    }

    @Test
    void aFailedWorkerHandsItsUnstartedJobsToItsReplacementInOrder() {
      Factory<String, String> f = probe.builder().workers(1).prefetch(8).spawn(node, null);
      probe.closeGate();
      f.submit("k", "block");
      f.submit("k", "fail");
      for (int i = 0; i < 5; i++) {
        f.submit("k", "m" + i);
      }
      Await.until(
          "all sent to the worker", () -> f.stats().busy() == 1 && f.stats().queued() == 6, WAIT);
      probe.openGate();
      Await.until("settled", () -> f.stats().processed() == 6, WAIT);
      assertEquals(List.of("WORKER_FAILED:fail"), probe.discards);
      assertEquals(List.of("block", "m0", "m1", "m2", "m3", "m4"), probe.messages());
    }

    @Test
    void aStuckWorkerIsReplacedAndItsPrefetchedJobsStillRun() {
      Factory<String, String> f =
          probe
              .builder()
              .workers(1)
              .prefetch(4)
              .deadMansSwitch(Duration.ofMillis(100))
              .spawn(node, null);
      f.submit("k", "hang");
      f.submit("k", "a");
      f.submit("k", "b");
      Await.until("stuck reported", () -> probe.discards.equals(List.of("STUCK:hang")), WAIT);
      Await.until("the rest ran", () -> f.stats().processed() == 2, WAIT);
      assertEquals(List.of("a", "b"), probe.messages());
    }

    @Test
    void theDefaultWindowIs32WhereTheWorkerIsFixedWithFifoQueuesAndOneOtherwise() {
      record Case(String name, Routing routing, Integer prefetch, boolean priority, int window) {}
      KeyRouter<String> toZero = (k, n) -> 0;
      List<Case> cases =
          List.of(
              new Case("key-persistent", Routing.KEY_PERSISTENT, null, false, 32),
              new Case("round robin", Routing.ROUND_ROBIN, null, false, 32),
              new Case("custom", Routing.custom(toZero), null, false, 32),
              new Case("queuer", Routing.QUEUER, null, false, 1),
              new Case("sticky queuer", Routing.STICKY_QUEUER, null, false, 1),
              new Case("key-persistent, priority queue", Routing.KEY_PERSISTENT, null, true, 1),
              new Case("key-persistent, prefetch(1)", Routing.KEY_PERSISTENT, 1, false, 1));
      for (Case c : cases) {
        // One worker held on its first job, 40 jobs, a queue limit of 5: the window takes
        // `window` jobs (the running one included), the queue 5, the rest are shed.
        Probe p = new Probe();
        Factory.Builder<String, String, Integer> b =
            p.builder().workers(1).routing(c.routing()).queueCapacity(5);
        if (c.prefetch() != null) {
          b.prefetch(c.prefetch());
        }
        if (c.priority()) {
          b.priorityQueue(2);
        }
        Factory<String, String> f = b.spawn(node, null);
        p.closeGate();
        f.submit("k", "block");
        for (int i = 1; i < 40; i++) {
          f.submit("k", "m" + i);
        }
        int shed = 40 - c.window() - 5;
        Await.until(
            c.name() + " settled",
            () -> f.stats().discardedTotal() == shed && f.stats().queued() == 39 - shed,
            WAIT);
        p.openGate();
        Await.until(c.name() + " processed", () -> f.stats().processed() == 40 - shed, WAIT);
        assertTrue(f.drainAndWait(WAIT));
        assertEquals(shed, p.discarded(DiscardReason.LOAD_SHED), c.name());
        assertEquals(40 - shed, f.stats().processed(), c.name());
      }
    }

    @Test
    void aRawStopCountsJobsFinishedButNotYetReportedAsProcessed() {
      // "a" finishes with "hang" behind it in the mailbox, so its report waits for the batch.
      Factory<String, String> f = probe.builder().workers(1).prefetch(8).spawn(node, null);
      probe.closeGate();
      f.submit("k", "block");
      f.submit("k", "a");
      f.submit("k", "hang");
      Await.until(
          "all sent to the worker", () -> f.stats().busy() == 1 && f.stats().queued() == 2, WAIT);
      probe.openGate();
      Await.until("on the hanging job", () -> probe.hanging.get() == 1, WAIT);
      assertTrue(f.ref().stopAndWait("bye", WAIT));
      assertEquals(List.of("SHUTDOWN:hang"), probe.discards);
      assertEquals(2, f.stats().processed());
    }

    @Test
    void aSlowJobIsReportedAtOnceEvenWithMoreJobsInTheMailbox() {
      // Batches are reported once their jobs have taken 1 ms: the slow job is counted while the
      // job behind it in the mailbox is still blocked.
      Factory<String, String> f = probe.builder().workers(1).prefetch(8).spawn(node, null);
      probe.closeGate();
      f.submit("k", "slow");
      f.submit("k", "block");
      Await.until("the slow job reported", () -> f.stats().processed() == 1, WAIT);
      assertEquals(1, f.stats().processingTime().count());
      probe.openGate();
      Await.until("both processed", () -> f.stats().processed() == 2, WAIT);
    }

    @Test
    void jobsFinishedBeforeAHangButNotYetReportedAreCountedProcessedNotBlamed() {
      // Workers report finished jobs in batches (here up to 4, or when the mailbox is empty): the
      // worker runs block, a, b and hangs with c still in its mailbox, before reporting any.
      Factory<String, String> f =
          probe
              .builder()
              .workers(1)
              .prefetch(8)
              .deadMansSwitch(Duration.ofMillis(100))
              .spawn(node, null);
      probe.closeGate();
      f.submit("k", "block");
      f.submit("k", "a");
      f.submit("k", "b");
      f.submit("k", "hang");
      f.submit("k", "c");
      Await.until(
          "all sent to the worker", () -> f.stats().busy() == 1 && f.stats().queued() == 4, WAIT);
      probe.openGate();
      Await.until("stuck reported", () -> probe.discards.equals(List.of("STUCK:hang")), WAIT);
      Await.until("the rest ran", () -> f.stats().processed() == 4, WAIT);
      assertEquals(List.of("block", "a", "b", "c"), probe.messages());
      assertTrue(f.drainAndWait(WAIT));
      assertEquals(List.of("STUCK:hang"), probe.discards);
      assertEquals(4, f.stats().processed());
      assertEquals(1, f.stats().discardedTotal());
    }

    @Test
    void aPrefetchedJobWhoseTimeToLivePassedIsDiscardedByTheWorker() {
      Factory<String, String> f = probe.builder().workers(1).prefetch(4).spawn(node, null);
      probe.closeGate();
      f.submit("k", "block");
      f.submit(Job.of("k", "short-lived", Duration.ofMillis(30)));
      f.submit("k", "after");
      Await.until("in the worker's mailbox", () -> f.stats().queued() == 2, WAIT);
      long since = System.nanoTime();
      Await.until("the time-to-live passes", () -> System.nanoTime() - since > 60_000_000L, WAIT);
      probe.openGate();
      Await.until("settled", () -> f.stats().processed() == 2, WAIT);
      assertEquals(List.of("TTL_EXPIRED:short-lived"), probe.discards);
      assertEquals(List.of("block", "after"), probe.messages());
    }
  }

  @Nested
  class Retries {
    @Test
    void aFailedJobIsRetriedOnTheReplacementBeforeTheJobsBehindIt() {
      for (Routing routing : List.of(Routing.QUEUER, Routing.KEY_PERSISTENT)) {
        Probe p = new Probe();
        Factory<String, String> f =
            p.builder().workers(1).routing(routing).retries(2).spawn(node, null);
        p.closeGate();
        f.submit("k", "block");
        f.submit("k", "flaky2-a"); // fails twice, then succeeds
        f.submit("k", "after-a");
        f.submit("k", "flaky3-b"); // fails three times: retries used up
        f.submit("k", "after-b");
        Await.until("queued", () -> f.stats().queued() == 4, WAIT);
        p.openGate();
        Await.until(
            routing + " settled",
            () -> f.stats().processed() + f.stats().discardedTotal() == 5,
            WAIT);
        assertEquals(
            List.of("block", "flaky2-a", "after-a", "after-b"), p.messages(), routing.toString());
        assertEquals(List.of("WORKER_FAILED:flaky3-b"), p.discards);
        assertEquals(4, f.stats().retried());
        assertEquals(3, p.attempts.get("flaky3-b").get());
      }
    }

    @Test
    void aStuckJobIsRetriedThenReportedStuck() {
      Factory<String, String> f =
          probe
              .builder()
              .workers(1)
              .retries(1)
              .prefetch(2)
              .deadMansSwitch(Duration.ofMillis(80))
              .spawn(node, null);
      f.submit("k", "hang");
      f.submit("k", "next");
      Await.until("stuck reported", () -> probe.discards.equals(List.of("STUCK:hang")), WAIT);
      Await.until("next ran", () -> probe.messages().equals(List.of("next")), WAIT);
      assertEquals(1, f.stats().retried());
      Await.until("three workers started in all", () -> probe.starts.get() == 3, WAIT);
    }
  }
}
