package io.troupe.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.internal.LocalActorRef;
import io.troupe.testing.Await;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** 1,000 children under one-for-one, failing at random for a while: nothing leaks. */
class SupervisorStressTest {
  static final int CHILDREN = 1_000;
  static final Duration STORM = Duration.ofSeconds(4);

  @Test
  void aThousandChildrenFailingAtRandomLeaveNoActorOrTimerBehind() throws Exception {
    Queue<ActorRef<?>> started = new ConcurrentLinkedQueue<>();
    AtomicInteger restarts = new AtomicInteger();
    AtomicInteger exits = new AtomicInteger();
    try (Node node = Node.create("stress")) {
      AutoCloseable exitCount = node.onActorExit((ref, e) -> exits.incrementAndGet());
      SupervisorSpec.Builder spec =
          SupervisorSpec.builder()
              .intensity(1_000_000, Duration.ofSeconds(1))
              .backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(20), 0.5))
              .onEvent(
                  e -> {
                    if (e instanceof SupervisorEvent.ChildStarted s) {
                      started.add(s.child());
                    } else if (e instanceof SupervisorEvent.RestartScheduled) {
                      restarts.incrementAndGet();
                    }
                  });
      Worker worker =
          new Worker(
              new ConcurrentLinkedQueue<>() {
                @Override
                public boolean add(String s) {
                  return true; // no log: thousands of starts
                }
              });
      for (int i = 0; i < CHILDREN; i++) {
        spec.child(
            ChildSpec.of("c" + i, worker, "c" + i)
                .withRestart(i % 3 == 0 ? RestartType.TRANSIENT : RestartType.PERMANENT));
      }
      Supervisor sup = Supervisor.start(node, null, spec.build());
      Duration wait = Duration.ofSeconds(30);
      assertEquals(CHILDREN, sup.children(wait).size());

      Random random = new Random(17);
      long end = System.nanoTime() + STORM.toNanos();
      int sent = 0;
      while (System.nanoTime() < end) {
        List<ChildInfo> children = sup.children(wait);
        for (int k = 0; k < 50; k++) {
          ChildInfo c = children.get(random.nextInt(children.size()));
          if (c.ref().isPresent()) {
            @SuppressWarnings("unchecked")
            ActorRef<Worker.Msg> ref = (ActorRef<Worker.Msg>) c.ref().get();
            try {
              ref.cast(random.nextInt(10) == 0 ? new Worker.Stop() : new Worker.Fail("storm"));
              sent++;
            } catch (MessagingException ended) {
              // it ended meanwhile
            }
          }
        }
        Thread.sleep(5);
      }
      assertTrue(sent > 200, "the storm sent " + sent);
      // Every child is back (transient ones that stopped gracefully stay down), no restart waits,
      // and the live actors are exactly the supervisor's current children. Awaited as one
      // condition, not asserted on one snapshot: the last casts of the storm may still be queued
      // when the supervisor's list first looks complete, and a child that fails then is STOPPED a
      // moment before its supervisor hears of it (the flake under load: 962 children listed
      // running, 960 alive). A leaked incarnation keeps the sets apart until the deadline.
      AtomicInteger unsettled = new AtomicInteger();
      Await.until(
          "the storm settles with only the current incarnations alive",
          () -> {
            List<ChildInfo> now = sup.children(wait);
            boolean back =
                now.stream()
                    .allMatch(c -> c.ref().isPresent() || c.restart() == RestartType.TRANSIENT);
            Set<ActorRef<?>> current = new HashSet<>();
            now.forEach(c -> c.ref().ifPresent(current::add));
            Set<ActorRef<?>> live = new HashSet<>();
            started.stream().filter(r -> r.status() != ActorStatus.STOPPED).forEach(live::add);
            boolean settled =
                back
                    && live.equals(current)
                    && ((LocalActorRef<?>) sup.ref()).cell().armedTimers() == 0;
            if (!settled) {
              unsettled.incrementAndGet();
            }
            return settled;
          },
          Duration.ofSeconds(30));

      assertTrue(sup.ref().stopAndWait("done", wait));
      for (ActorRef<?> r : started) {
        assertEquals(ActorStatus.STOPPED, r.status(), r + " outlived its supervisor");
      }
      Await.until("every end reported", () -> exits.get() == started.size() + 1);
      exitCount.close();
      assertTrue(restarts.get() > 100, "restarts: " + restarts.get());
      System.out.println(
          "stress: "
              + sent
              + " failures sent, "
              + restarts.get()
              + " restarts, "
              + started.size()
              + " starts; "
              + unsettled.get()
              + " looks before it settled");
    }
  }
}
