package io.troupe.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.rpc.CallTimeoutException;
import io.troupe.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost by default, no discard unseen, and a submitter told whether its job was accepted.
 */
class FactoryAcceptanceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final Node node = Node.create("factory-acceptance");

  @AfterEach
  void close() {
    node.close();
  }

  /** A System.Logger that keeps what it is given. */
  static final class CapturingLogger implements System.Logger {
    record Entry(Level level, String text) {}

    final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public String getName() {
      return "capturing";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      entries.add(new Entry(level, msg));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      entries.add(
          new Entry(
              level,
              params == null || params.length == 0
                  ? format
                  : java.text.MessageFormat.format(format, params)));
    }

    /** The count logged for {@code reason} in each warning (0 where absent). */
    List<Long> counts(DiscardReason reason) {
      Pattern p = Pattern.compile("\\b" + reason + "=(\\d+)");
      return entries.stream()
          .map(
              e -> {
                Matcher m = p.matcher(e.text());
                return m.find() ? Long.parseLong(m.group(1)) : 0L;
              })
          .toList();
    }
  }

  /** What became of each job (its message is its id): handled, discarded, and why. */
  static final class Outcomes {
    final AtomicIntegerArray handled;
    final AtomicIntegerArray discarded;
    final AtomicReferenceArray<DiscardReason> reason;

    Outcomes(int jobs) {
      handled = new AtomicIntegerArray(jobs);
      discarded = new AtomicIntegerArray(jobs);
      reason = new AtomicReferenceArray<>(jobs);
    }

    /** Two counting workers, and a discard handler that records here. */
    Factory.Builder<Integer, Integer, Void> builder() {
      return Factory.<Integer, Integer, Void>builder(counting(handled))
          .workers(2)
          .discardHandler(
              (job, why) -> {
                discarded.incrementAndGet(job.message());
                reason.set(job.message(), why);
              });
    }
  }

  /** Counts each job (its message is its id) and spins a little, so that queues fill. */
  static Supplier<Worker<Integer, Integer, Void>> counting(AtomicIntegerArray handled) {
    return () ->
        new Worker<>() {
          @Override
          public Void start(int workerIndex) {
            return null;
          }

          @Override
          public Void handle(Job<Integer, Integer> job, Void state) {
            long until = System.nanoTime() + 2_000;
            while (System.nanoTime() < until) {
              Thread.onSpinWait();
            }
            handled.incrementAndGet(job.message());
            return null;
          }
        };
  }

  @Test
  void aFactoryWithDefaultSettingsLosesNoneOfThirtyThousandJobs() {
    int jobs = 30_000;
    AtomicIntegerArray handled = new AtomicIntegerArray(jobs);
    CountDownLatch gate = new CountDownLatch(1);
    CapturingLogger logger = new CapturingLogger();
    Supplier<Worker<Integer, Integer, Void>> counting = counting(handled);
    // No discard handler and no limit set: what a user gets by default (it shed 20,000 of these
    // before).
    Factory<Integer, Integer> f =
        Factory.<Integer, Integer, Void>builder(
                () ->
                    new Worker<>() {
                      final Worker<Integer, Integer, Void> inner = counting.get();

                      @Override
                      public Void start(int workerIndex) {
                        return null;
                      }

                      @Override
                      public Void handle(Job<Integer, Integer> job, Void state) throws Exception {
                        gate.await(); // no job ends until all are submitted
                        return inner.handle(job, state);
                      }
                    })
            .workers(4)
            .logger(logger)
            .spawn(node, null);
    for (int i = 0; i < jobs; i++) {
      f.submit(i, i);
    }
    gate.countDown();
    assertTrue(f.drainAndWait(WAIT));
    FactoryStats stats = f.stats();
    assertEquals(jobs, stats.submitted());
    assertEquals(0, stats.discardedTotal(), "discarded " + stats.discarded());
    assertEquals(jobs, stats.processed());
    for (int i = 0; i < jobs; i++) {
      assertEquals(1, handled.get(i), "job " + i);
    }
    assertEquals(List.of(), logger.entries, "nothing discarded, nothing to warn about");
  }

  @Test
  void discardsWithoutAHandlerAreLoggedAsRateLimitedWarningsWithTheirCounts() {
    Probe probe = new Probe();
    probe.closeGate();
    CapturingLogger logger = new CapturingLogger();
    AtomicLong clock = new AtomicLong();
    Factory<String, String> f =
        Factory.<String, String, Integer>builder(() -> probe.new Worker())
            .workers(1)
            .queueCapacity(5)
            .logger(logger)
            .clock(clock::get)
            .spawn(node, "shedding");
    f.submit("k", "block");
    for (int i = 0; i < 20; i++) {
      f.submit("k", "m" + i); // 5 wait, 15 are shed
    }
    Await.until("15 shed", () -> f.stats().discarded(DiscardReason.LOAD_SHED) == 15);
    // The first shed is logged at once; the other 14 wait for the period to pass.
    assertEquals(1, logger.entries.size(), logger.entries::toString);
    assertEquals(System.Logger.Level.WARNING, logger.entries.get(0).level());
    assertTrue(
        logger
            .entries
            .get(0)
            .text()
            .startsWith("factory shedding: 1 job not processed (LOAD_SHED=1; 1 in all)"),
        logger.entries.get(0).text());
    assertTrue(logger.entries.get(0).text().contains("discardHandler"), "says how to handle them");

    clock.addAndGet(DiscardLog.PERIOD.toNanos());
    f.submit("k", "one more"); // shed too: now the 15 counted since the first warning are logged
    Await.until("second warning", () -> logger.entries.size() == 2);
    assertTrue(
        logger
            .entries
            .get(1)
            .text()
            .startsWith("factory shedding: 15 jobs not processed (LOAD_SHED=15; 16 in all)"),
        logger.entries.get(1).text());

    f.stop(); // the 5 waiting jobs are reported SHUTDOWN: logged when the factory ends, whatever
    // the period
    probe.openGate();
    assertTrue(f.ref().awaitExit(WAIT));
    assertEquals(3, logger.entries.size(), logger.entries::toString);
    assertTrue(
        logger
            .entries
            .get(2)
            .text()
            .startsWith("factory shedding: 5 jobs not processed (SHUTDOWN=5; 21 in all)"),
        logger.entries.get(2).text());
    FactoryStats stats = f.stats();
    assertEquals(
        stats.discarded(DiscardReason.LOAD_SHED),
        logger.counts(DiscardReason.LOAD_SHED).stream().mapToLong(Long::longValue).sum());
    assertEquals(
        stats.discarded(DiscardReason.SHUTDOWN),
        logger.counts(DiscardReason.SHUTDOWN).stream().mapToLong(Long::longValue).sum());
    assertEquals(1, stats.processed());
  }

  @Test
  void withAHandlerNothingIsLogged() {
    CapturingLogger logger = new CapturingLogger();
    List<DiscardReason> told = new CopyOnWriteArrayList<>();
    Probe probe = new Probe();
    probe.closeGate();
    Factory<String, String> f =
        Factory.<String, String, Integer>builder(() -> probe.new Worker())
            .workers(1)
            .queueCapacity(0)
            .discardHandler((job, reason) -> told.add(reason))
            .logger(logger)
            .spawn(node, null);
    f.submit("k", "block");
    f.submit("k", "shed");
    Await.until("told", () -> told.size() == 1);
    probe.openGate();
    assertTrue(f.drainAndWait(WAIT));
    assertEquals(List.of(DiscardReason.LOAD_SHED), told);
    assertEquals(List.of(), logger.entries);
  }

  @Test
  void racingSubmittersLearnExactlyWhichJobsWereAcceptedAndWhichShed() throws Exception {
    int submitters = 4;
    int perSubmitter = 5_000;
    int jobs = submitters * perSubmitter;
    for (DiscardMode mode : DiscardMode.values()) {
      Outcomes outcomes = new Outcomes(jobs);
      AtomicIntegerArray handled = outcomes.handled;
      AtomicIntegerArray discarded = outcomes.discarded;
      AtomicReferenceArray<DiscardReason> discardReason = outcomes.reason;
      Factory<Integer, Integer> f =
          outcomes.builder().queueCapacity(20).discardMode(mode).spawn(node, null);
      List<CompletableFuture<JobAcceptance<Integer, Integer>>> answers = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        answers.add(null);
      }
      List<Thread> threads = new ArrayList<>();
      CountDownLatch go = new CountDownLatch(1);
      for (int t = 0; t < submitters; t++) {
        int first = t;
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      awaitQuietly(go);
                      for (int id = first; id < jobs; id += submitters) {
                        CompletableFuture<JobAcceptance<Integer, Integer>> a =
                            f.submitWithAcceptance(Job.of(id, id));
                        synchronized (answers) {
                          answers.set(id, a);
                        }
                      }
                    }));
      }
      go.countDown();
      for (Thread t : threads) {
        t.join();
      }
      assertTrue(f.drainAndWait(WAIT));
      int accepted = 0;
      int rejected = 0;
      for (int id = 0; id < jobs; id++) {
        JobAcceptance<Integer, Integer> answer =
            answers.get(id).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        switch (answer) {
          case JobAcceptance.Accepted<Integer, Integer> a -> {
            accepted++;
            // NEWEST sheds only arriving jobs: an accepted one is processed. OLDEST may push it out
            // later.
            if (mode == DiscardMode.NEWEST) {
              assertEquals(1, handled.get(id), "accepted job " + id + " processed");
              assertEquals(0, discarded.get(id), "accepted job " + id + " not discarded");
            } else {
              assertEquals(
                  1,
                  handled.get(id) + discarded.get(id),
                  "accepted job " + id + " processed or reported");
            }
          }
          case JobAcceptance.Rejected<Integer, Integer> r -> {
            rejected++;
            assertEquals(id, r.job().message());
            assertEquals(DiscardReason.LOAD_SHED, r.reason());
            assertEquals(0, handled.get(id), "rejected job " + id + " never processed");
            assertEquals(1, discarded.get(id), "rejected job " + id + " reported once");
            assertEquals(DiscardReason.LOAD_SHED, discardReason.get(id));
          }
        }
      }
      FactoryStats stats = f.stats();
      assertEquals(jobs, accepted + rejected);
      assertEquals(jobs, stats.processed() + stats.discardedTotal());
      if (mode == DiscardMode.NEWEST) {
        assertTrue(rejected > 0, "the test sheds some jobs: " + stats);
        assertEquals(stats.discarded(DiscardReason.LOAD_SHED), rejected);
        assertEquals(stats.processed(), accepted);
      } else {
        assertEquals(0, rejected, "under OLDEST the arriving job always gets in");
        assertTrue(
            stats.discarded(DiscardReason.LOAD_SHED) > 0, "the test sheds some jobs: " + stats);
      }
    }
  }

  /** How the factory is ended while submitters race it. */
  enum Ending {
    STOP,
    DRAIN,
    REF_STOP,
    KILL
  }

  @Test
  void submittersRacingTheEndOfTheFactoryAreEachToldTheTruthAndNoneWaitsForever() throws Exception {
    int cap = 200_000;
    for (Ending ending : Ending.values()) {
      for (int round = 0; round < 5; round++) {
        Outcomes outcomes = new Outcomes(cap);
        AtomicIntegerArray handled = outcomes.handled;
        AtomicIntegerArray discarded = outcomes.discarded;
        AtomicReferenceArray<DiscardReason> discardReason = outcomes.reason;
        Factory<Integer, Integer> f = outcomes.builder().queueCapacity(50).spawn(node, null);
        AtomicReferenceArray<CompletableFuture<JobAcceptance<Integer, Integer>>> answers =
            new AtomicReferenceArray<>(cap);
        AtomicInteger asked = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          int first = t;
          threads.add(
              Thread.ofPlatform()
                  .start(
                      () -> {
                        for (int id = first; id < cap; id += 2) {
                          try {
                            answers.set(id, f.submitWithAcceptance(Job.of(id, id)));
                            asked.incrementAndGet();
                          } catch (MessagingException notAccepting) {
                            return;
                          }
                        }
                      }));
        }
        Await.until("submits under way", () -> asked.get() >= 2_000, WAIT);
        switch (ending) {
          case STOP -> f.stop();
          case DRAIN -> f.drain();
          case REF_STOP -> f.ref().stop();
          case KILL -> f.ref().kill();
        }
        assertTrue(f.ref().awaitExit(WAIT), ending + " ends the factory");
        for (Thread t : threads) {
          t.join();
        }
        String what = ending + " round " + round;
        for (int id = 0; id < cap; id++) {
          CompletableFuture<JobAcceptance<Integer, Integer>> a = answers.get(id);
          if (a == null) {
            assertEquals(
                0,
                handled.get(id) + discarded.get(id),
                what + ": job " + id + " refused or never submitted");
            continue;
          }
          JobAcceptance<Integer, Integer> answer =
              a.get(WAIT.toSeconds(), TimeUnit.SECONDS); // never hangs
          if (answer instanceof JobAcceptance.Rejected<Integer, Integer> r) {
            assertEquals(0, handled.get(id), what + ": rejected job " + id + " never processed");
            boolean reportable = ending == Ending.STOP || ending == Ending.DRAIN;
            if (reportable || discarded.get(id) > 0) {
              assertEquals(1, discarded.get(id), what + ": rejected job " + id + " reported once");
              assertEquals(
                  r.reason(),
                  discardReason.get(id),
                  what + ": job " + id + " reported with its reason");
            }
            assertTrue(
                r.reason() == DiscardReason.SHUTDOWN || r.reason() == DiscardReason.LOAD_SHED,
                what + " " + r);
          } else {
            int ends = handled.get(id) + discarded.get(id);
            assertTrue(
                handled.get(id) <= 1 && discarded.get(id) <= 1,
                what + ": accepted job " + id + " " + ends);
            if (ending == Ending.KILL) {
              assertTrue(ends <= 1, what + ": accepted job " + id + " handled at most once");
            } else if (ending == Ending.REF_STOP) {
              // ref().stop() reports a running job SHUTDOWN although its handler may complete
              // (docs/factory.md).
              assertTrue(ends >= 1, what + ": accepted job " + id + " processed or reported");
            } else {
              assertEquals(1, ends, what + ": accepted job " + id + " processed or reported once");
            }
          }
        }
      }
    }
  }

  @Test
  void aJobHeldByTheRateLimitIsAnsweredWhenReleasedAndOneBeyondTheLimitAtOnce() throws Exception {
    Probe probe = new Probe();
    AtomicLong clock = new AtomicLong();
    Factory<String, String> f =
        probe
            .builder()
            .workers(1)
            .queueCapacity(2)
            .rateLimit(RateLimit.of(2, Duration.ofSeconds(1)).delayingExcess())
            .clock(clock::get) // frozen: no token comes until the test moves it
            .spawn(node, null);
    probe.closeGate();
    assertEquals(
        new JobAcceptance.Accepted<>(),
        f.submitAndAwaitAcceptance(Job.of("k", "block"), WAIT)); // runs
    assertEquals(
        new JobAcceptance.Accepted<>(),
        f.submitAndAwaitAcceptance(Job.of("k", "a"), WAIT)); // queued
    CompletableFuture<JobAcceptance<String, String>> b =
        f.submitWithAcceptance(Job.of("k", "b")); // held
    assertThrows(
        CallTimeoutException.class,
        () -> f.submitAndAwaitAcceptance(Job.of("k", "c"), Duration.ofMillis(100)));
    // Three held is beyond the limit of 2: the newest is shed at once.
    Job<String, String> d = Job.of("k", "d");
    assertEquals(
        new JobAcceptance.Rejected<>(d, DiscardReason.LOAD_SHED),
        f.submitAndAwaitAcceptance(d, WAIT));
    assertTrue(probe.discards.contains("LOAD_SHED:d"), "reported before the submitter was told");
    assertFalse(b.isDone(), "a held job is not answered until it is released");

    clock.addAndGet(
        Duration.ofSeconds(1).toNanos()); // two tokens: b joins "a" in the queue, c finds it full
    assertEquals(new JobAcceptance.Accepted<>(), b.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    probe.openGate();
    assertTrue(f.drainAndWait(WAIT));
    assertEquals(List.of("block", "a", "b"), probe.messages());
    assertEquals(List.of("LOAD_SHED:d", "LOAD_SHED:c"), probe.discards);
  }

  @Test
  void badTimeoutsAreRefusedBeforeAnythingIsSent() {
    Probe probe = new Probe();
    Factory<String, String> f = probe.builder().spawn(node, null);
    assertThrows(
        NullPointerException.class, () -> f.submitAndAwaitAcceptance(Job.of("k", "m"), null));
    assertThrows(
        IllegalArgumentException.class,
        () -> f.submitAndAwaitAcceptance(Job.of("k", "m"), Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> f.submitWithAcceptance(null));
    assertThrows(NullPointerException.class, () -> f.drainAndWait(null));
    assertThrows(IllegalArgumentException.class, () -> f.stopAndWait(Duration.ofSeconds(-1)));
    io.troupe.ActorStatus status = f.ref().status();
    assertTrue(
        status == io.troupe.ActorStatus.STARTING || status == io.troupe.ActorStatus.RUNNING,
        "neither drained nor stopped: " + status);
    assertTrue(f.drainAndWait(WAIT));
    assertEquals(0, f.stats().submitted());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
