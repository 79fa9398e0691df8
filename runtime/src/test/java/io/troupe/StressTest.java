package io.troupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StressTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final Node node = Node.create("stress");

  @AfterEach
  void close() {
    node.close();
  }

  @Test
  void tenThousandActorsSpawnedAndStoppedLeaveNoLiveThread() {
    List<ActorRef<String>> refs = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ActorRef<String> ref = node.spawn(Behaviours.idle(), null);
      ref.cast("hello");
      refs.add(ref);
    }
    refs.forEach(ActorRef::stop);
    for (ActorRef<String> ref : refs) {
      assertTrue(ref.awaitExit(WAIT));
    }
    assertEquals(0, node.runtime().liveActors());
    Await.until("no actor is scheduled or running", () -> node.runtime().scheduledActors() == 0);
  }

  sealed interface Counter {
    record Add(RpcReplyPort<Long> reply) implements Counter {}
  }

  @Test
  void thousandConcurrentCallersAreAllAnswered() throws Exception {
    AtomicLong handled = new AtomicLong();
    ActorRef<Counter> counter =
        node.spawn(
            Behaviours.<Counter>handling(
                (self, m) -> ((Counter.Add) m).reply().send(handled.incrementAndGet())),
            null);
    int callers = 1000;
    CountDownLatch done = new CountDownLatch(callers);
    AtomicInteger successes = new AtomicInteger();
    Set seen = new Set();
    for (int i = 0; i < callers; i++) {
      Thread.ofVirtual()
          .start(
              () -> {
                CallResult<Long> r = counter.call(Counter.Add::new, WAIT);
                if (r instanceof CallResult.Success<Long> s && seen.add(s.value())) {
                  successes.incrementAndGet();
                }
                done.countDown();
              });
    }
    assertTrue(done.await(30, TimeUnit.SECONDS));
    assertEquals(callers, successes.get(), "every caller got a distinct answer");
    assertEquals(callers, handled.get());
  }

  /** A thread-safe set of answers. */
  private static final class Set {
    private final java.util.Set<Long> values = ConcurrentHashMap.newKeySet();

    boolean add(long v) {
      return values.add(v);
    }
  }

  /** Respawns its child each time it fails, {@code limit} times, then stops. */
  static final class Restarter implements Actor<String, int[], Integer> {
    static final Actor<String, Object, Void> FAILS_AT_ONCE =
        new Actor<>() {
          @Override
          public Object preStart(ActorRef<String> self, Void args) {
            return "s";
          }

          @Override
          public Object postStart(ActorRef<String> self, Object s) {
            throw new IllegalStateException("crash");
          }
        };

    @Override
    public int[] preStart(ActorRef<String> self, Integer limit) {
      self.node().spawnLinked(null, FAILS_AT_ONCE, null, self);
      return new int[] {0, limit};
    }

    @Override
    public int[] handleSupervisorEvent(ActorRef<String> self, SupervisionEvent e, int[] s) {
      if (e instanceof SupervisionEvent.ActorFailed) {
        s[0]++;
        if (s[0] < s[1]) {
          self.node().spawnLinked(null, FAILS_AT_ONCE, null, self);
        } else {
          self.stop("restarted " + s[0] + " times");
        }
      }
      return s;
    }
  }

  @Test
  void childFailingAThousandTimesUnderARestartingSupervisor() {
    Behaviours.EventRecorder<String> watcher = new Behaviours.EventRecorder<>();
    ActorRef<String> watcherRef = node.spawn(watcher, null);
    ActorRef<String> sup = node.spawn(new Restarter(), 1000);
    watcherRef.monitor(sup);
    assertTrue(sup.awaitExit(WAIT));
    Await.until(
        "supervisor end seen",
        () -> !watcher.eventsOf(SupervisionEvent.ActorTerminated.class).isEmpty());
    var end = watcher.eventsOf(SupervisionEvent.ActorTerminated.class).get(0);
    assertEquals("restarted 1000 times", end.reason().orElseThrow());
    Await.until("all children gone", () -> node.runtime().liveActors() == 1);
  }

  @Test
  void drainRacingWithFourSendersProcessesEveryAdmittedMessage() throws Exception {
    for (int round = 0; round < 30; round++) {
      AtomicLong processed = new AtomicLong();
      ActorRef<Integer> target =
          node.spawn(Behaviours.<Integer>handling((self, m) -> processed.incrementAndGet()), null);
      AtomicLong admitted = new AtomicLong();
      AtomicLong refusedAfterDrain = new AtomicLong();
      AtomicLong refusedButRunning = new AtomicLong();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> senders = new ArrayList<>();
      for (int s = 0; s < 4; s++) {
        senders.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        go.await();
                      } catch (InterruptedException e) {
                        return;
                      }
                      for (int i = 0; i < 20_000; i++) {
                        try {
                          target.cast(i);
                          admitted.incrementAndGet();
                        } catch (MessagingException e) {
                          refusedAfterDrain.incrementAndGet();
                          if (target.status() == ActorStatus.RUNNING) {
                            refusedButRunning.incrementAndGet();
                          }
                        }
                      }
                    }));
      }
      go.countDown();
      Thread.sleep(0, 200_000); // let the senders get going; the assertion does not depend on it
      target.drain();
      for (Thread t : senders) {
        t.join();
      }
      assertTrue(target.awaitExit(WAIT));
      assertEquals(admitted.get(), processed.get(), "every admitted message was processed");
      assertEquals(80_000, admitted.get() + refusedAfterDrain.get());
      assertEquals(0, refusedButRunning.get());
    }
  }
}
