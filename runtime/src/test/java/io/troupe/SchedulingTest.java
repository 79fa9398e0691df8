package io.troupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.rpc.RpcReplyPort;
import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler: hand-offs, blocking handlers, fairness, and kills that hit only their actor. */
class SchedulingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final Node node = Node.create("scheduling");
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    node.close();
  }

  @Test
  void anActorReadiedByAHandlerThatThenBlocksRunsElsewhere() throws Exception {
    CountDownLatch bRan = new CountDownLatch(1);
    ActorRef<String> b =
        node.spawn(Behaviours.<String>handling((self, m) -> bRan.countDown()), null);
    // a readies b (b lands on a's worker, next in line), then blocks without a call: only the
    // scheduler's monitor can see it and move b.
    ActorRef<String> a =
        node.spawn(
            Behaviours.<String>handling(
                (self, m) -> {
                  b.cast("go");
                  release.await();
                }),
            null);
    a.cast("start");
    assertTrue(bRan.await(5, TimeUnit.SECONDS), "b waited behind a's blocked handler");
  }

  @Test
  void anActorCalledByAHandlerAnswersWhileTheCallerWaits() {
    ActorRef<Object> callee =
        node.spawn(
            Behaviours.<Object>handling(
                (self, m) -> {
                  @SuppressWarnings("unchecked")
                  RpcReplyPort<String> port = (RpcReplyPort<String>) m;
                  port.send("answer");
                }),
            null);
    AtomicInteger answers = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    ActorRef<String> caller =
        node.spawn(
            Behaviours.<String>handling(
                (self, m) -> {
                  for (int i = 0; i < 1_000; i++) {
                    if (callee.<String>call(p -> p, WAIT).orThrow().equals("answer")) {
                      answers.incrementAndGet();
                    }
                  }
                  done.countDown();
                }),
            null);
    caller.cast("go");
    Await.until("a thousand calls from a handler answered", () -> done.getCount() == 0, WAIT);
    assertEquals(1_000, answers.get());
  }

  @Test
  void manyBlockedHandlersDoNotStopOtherActors() throws Exception {
    int blocked = 4 * Runtime.getRuntime().availableProcessors() + 20;
    CountDownLatch allBlocked = new CountDownLatch(blocked);
    List<ActorRef<String>> sleepers = new ArrayList<>();
    for (int i = 0; i < blocked; i++) {
      sleepers.add(
          node.spawn(
              Behaviours.<String>handling(
                  (self, m) -> {
                    allBlocked.countDown();
                    release.await();
                  }),
              null));
    }
    sleepers.forEach(s -> s.cast("block"));
    assertTrue(allBlocked.await(10, TimeUnit.SECONDS), "every blocking handler got a thread");
    CountDownLatch ran = new CountDownLatch(1);
    ActorRef<String> free =
        node.spawn(Behaviours.<String>handling((self, m) -> ran.countDown()), null);
    free.cast("hello");
    assertTrue(ran.await(5, TimeUnit.SECONDS), "an actor starved while others were blocked");
  }

  @Test
  void aRingOfHandOffsDoesNotStarveOthers() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong hops = new AtomicLong();
    List<ActorRef<Integer>> ring = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int next = (i + 1) % 2;
      ring.add(
          node.spawn(
              Behaviours.<Integer>handling(
                  (self, m) -> {
                    hops.incrementAndGet();
                    if (running.get()) {
                      ring.get(next).cast(m);
                    }
                  }),
              null));
    }
    for (int token = 0; token < 4; token++) {
      ring.get(0).cast(token); // more tokens than workers: every worker is busy with the ring
    }
    Await.until("the ring is running", () -> hops.get() > 100_000, WAIT);
    try {
      for (int i = 0; i < 200; i++) {
        CountDownLatch ran = new CountDownLatch(1);
        ActorRef<String> other =
            node.spawn(Behaviours.<String>handling((self, m) -> ran.countDown()), null);
        other.cast("my turn");
        assertTrue(ran.await(5, TimeUnit.SECONDS), "round " + i + ": starved by the ring");
        other.stop();
      }
    } finally {
      running.set(false);
    }
  }

  @Test
  void aFloodedActorDoesNotStarveOthers() throws Exception {
    AtomicLong handled = new AtomicLong();
    ActorRef<Integer> flooded =
        node.spawn(Behaviours.<Integer>handling((self, m) -> handled.incrementAndGet()), null);
    for (int i = 0; i < 2_000_000; i++) {
      flooded.cast(i);
    }
    CountDownLatch ran = new CountDownLatch(1);
    ActorRef<String> other =
        node.spawn(Behaviours.<String>handling((self, m) -> ran.countDown()), null);
    other.cast("my turn");
    assertTrue(ran.await(5, TimeUnit.SECONDS), "starved by a flooded actor");
    assertTrue(handled.get() < 2_000_000 || ran.getCount() == 0);
  }

  @Test
  void aKillInterruptsOnlyTheKilledActorsHandler() throws Exception {
    AtomicInteger wronglyInterrupted = new AtomicInteger();
    AtomicLong innocentRuns = new AtomicLong();
    AtomicBoolean go = new AtomicBoolean(true);
    // Innocent actors bounce messages between themselves and check their own interrupt flag.
    List<ActorRef<Integer>> innocents = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int next = (i + 1) % 4;
      innocents.add(
          node.spawn(
              Behaviours.<Integer>handling(
                  (self, m) -> {
                    if (Thread.currentThread().isInterrupted()) {
                      wronglyInterrupted.incrementAndGet();
                    }
                    innocentRuns.incrementAndGet();
                    if (go.get()) {
                      innocents.get(next).cast(m);
                    }
                  }),
              null));
    }
    innocents.get(0).cast(0);
    innocents.get(2).cast(0);
    try {
      for (int round = 0; round < 3_000; round++) {
        ActorRef<Integer> victim =
            node.spawn(
                Behaviours.<Integer>handling((self, m) -> innocents.get(m % 4).cast(m)), null);
        victim.cast(round);
        victim.kill();
        assertTrue(victim.awaitExit(WAIT));
      }
    } finally {
      go.set(false);
    }
    assertTrue(innocentRuns.get() > 0);
    assertEquals(0, wronglyInterrupted.get(), "handlers of other actors saw a kill's interrupt");
  }

  @Test
  void idleActorsHoldNoThreadAndEveryMessageIsHandled() {
    int actors = 10_000;
    AtomicInteger handled = new AtomicInteger();
    List<ActorRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < actors; i++) {
      refs.add(
          node.spawn(Behaviours.<Integer>handling((self, m) -> handled.incrementAndGet()), null));
    }
    for (int round = 0; round < 5; round++) {
      for (ActorRef<Integer> r : refs) {
        r.cast(round);
      }
    }
    Await.until("every message handled", () -> handled.get() == 5 * actors, WAIT);
    Await.until("no actor scheduled once idle", () -> node.runtime().scheduledActors() == 0, WAIT);
  }

  /**
   * Senders on platform threads, in bursts with short and long pauses, so that workers keep going
   * idle, spinning, parking and exiting: every message must be handled each round (a wake-up lost
   * between a spinning worker and a sender once left a message stranded with every worker parked).
   */
  @Test
  void noMessageIsStrandedWhileWorkersSpinParkAndExit() throws Exception {
    AtomicLong handled = new AtomicLong();
    List<ActorRef<Integer>> sinks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sinks.add(
          node.spawn(Behaviours.<Integer>handling((self, m) -> handled.incrementAndGet()), null));
    }
    long sent = 0;
    for (int round = 0; round < 300; round++) {
      int perThread = 1 + (round % 7) * 40;
      int threads = 1 + round % 4;
      List<Thread> senders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        ActorRef<Integer> sink = sinks.get(t);
        int pauseSpins = (round * 31 + t * 7) % 5_000;
        senders.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 0; i < perThread; i++) {
                        sink.cast(i);
                        for (int spin = 0; spin < pauseSpins; spin++) {
                          Thread.onSpinWait();
                        }
                      }
                    }));
      }
      for (Thread t : senders) {
        t.join();
      }
      sent += (long) perThread * threads;
      long expected = sent;
      int r = round;
      Await.until(
          "round " + r + ": every message handled",
          () -> handled.get() == expected,
          Duration.ofSeconds(5));
    }
  }
}
