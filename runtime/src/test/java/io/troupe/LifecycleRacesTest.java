package io.troupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.internal.LocalActorRef;
import io.troupe.rpc.CallResult;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import io.troupe.testing.Behaviours.EventRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Races and silent drops in the lifecycle, each reproduced before it was fixed. */
class LifecycleRacesTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final Node node = Node.create("races");

  @AfterEach
  void close() {
    node.close();
  }

  /**
   * Runs {@code a} and {@code b} at once on two threads, {@code rounds} times, with a check after
   * each.
   */
  private static void race(int rounds, IntConsumer a, IntConsumer b, IntConsumer check)
      throws Exception {
    AtomicInteger go = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Thread other =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 1; i <= rounds; i++) {
                    while (go.get() < i) {
                      Thread.yield();
                    }
                    b.accept(i - 1);
                    done.incrementAndGet();
                  }
                });
    for (int i = 1; i <= rounds; i++) {
      go.set(i);
      a.accept(i - 1);
      while (done.get() < i) {
        Thread.yield(); // not a busy spin: two cores are shared with the actors' workers
      }
      check.accept(i - 1);
    }
    other.join();
  }

  @Test
  void twoSupervisorsRacingForOneChildLeaveExactlyOneOwner() throws Exception {
    ActorRef<String> a = node.spawn(new EventRecorder<String>(), null);
    ActorRef<String> b = node.spawn(new EventRecorder<String>(), null);
    ActorRef<String> child = node.spawn(Behaviours.<String>idle(), null);
    AtomicInteger wrong = new AtomicInteger();
    race(
        20_000,
        i -> child.link(a),
        i -> child.link(b),
        i -> {
          ActorRef<?> owner = child.supervisor().orElseThrow();
          ActorRef<?> other = owner.equals(a) ? b : a;
          if (!owner.children().contains(child) || other.children().contains(child)) {
            wrong.incrementAndGet();
          }
          child.unlink(owner);
          if (!a.children().isEmpty() || !b.children().isEmpty()) {
            wrong.incrementAndGet();
          }
        });
    assertEquals(0, wrong.get(), "rounds in which the child was listed by the wrong supervisor");
  }

  @Test
  void linkingAnEndedChildIsRefusedAndLeavesNothingBehind() {
    ActorRef<String> sup = node.spawn(new EventRecorder<String>(), null);
    ActorRef<String> child = node.spawn(Behaviours.<String>idle(), null);
    assertTrue(child.stopAndWait("done", WAIT));
    assertThrows(IllegalStateException.class, () -> child.link(sup));
    assertEquals(List.of(), sup.children());
  }

  @Test
  void linkRacingWithTheChildsEndNeverLeavesADeadChildListed() throws Exception {
    ActorRef<String> sup = node.spawn(new EventRecorder<String>(), null);
    List<ActorRef<String>> kids = spawnIdle(2_000);
    race(
        kids.size(),
        i -> kids.get(i).stop(),
        i -> {
          try {
            kids.get(i).link(sup);
          } catch (IllegalStateException refused) {
            // the child had ended first
          }
        },
        i -> assertTrue(kids.get(i).awaitExit(WAIT)));
    Await.until("every ended child leaves its supervisor", () -> sup.children().isEmpty());
  }

  @Test
  void monitoringAnEndedActorDeliversItsEndAtOnce() {
    EventRecorder<String> watcherBehaviour = new EventRecorder<>();
    ActorRef<String> watcher = node.spawn(watcherBehaviour, null);
    ActorRef<String> target = node.spawn(Behaviours.<String>idle(), null);
    assertTrue(target.stopAndWait("finished", WAIT));
    watcher.monitor(target);
    Await.until("the monitor hears of the end", () -> !watcherBehaviour.events.isEmpty());
    SupervisionEvent.ActorTerminated t =
        assertInstanceOf(SupervisionEvent.ActorTerminated.class, watcherBehaviour.events.get(0));
    assertEquals(target, t.actor());
    assertEquals(Optional.of("finished"), t.reason());
  }

  @Test
  void monitoringAFailedActorAfterItsEndDeliversTheFailure() {
    EventRecorder<String> watcherBehaviour = new EventRecorder<>();
    ActorRef<String> watcher = node.spawn(watcherBehaviour, null);
    ActorRef<String> target =
        node.spawn(
            Behaviours.<String>handling(
                (self, m) -> {
                  throw new IllegalStateException(m);
                }),
            null);
    target.cast("boom");
    assertTrue(target.awaitExit(WAIT));
    watcher.monitor(target);
    Await.until("the monitor hears of the failure", () -> !watcherBehaviour.events.isEmpty());
    SupervisionEvent.ActorFailed f =
        assertInstanceOf(SupervisionEvent.ActorFailed.class, watcherBehaviour.events.get(0));
    assertEquals("boom", f.error().getMessage());
  }

  /** Records supervision events and answers any reply port it is sent (to flush its mailbox). */
  static final class FlushableRecorder implements Actor<Object, Object, Void> {
    final List<SupervisionEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public Object preStart(ActorRef<Object> self, Void args) {
      return "state";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object handle(ActorRef<Object> self, Object message, Object state) {
      ((io.troupe.rpc.RpcReplyPort<Boolean>) message).send(true);
      return state;
    }

    @Override
    public Object handleSupervisorEvent(
        ActorRef<Object> self, SupervisionEvent event, Object state) {
      events.add(event);
      return state;
    }
  }

  @Test
  void aMonitorRacingWithTheEndHearsItExactlyOnce() throws Exception {
    FlushableRecorder recorder = new FlushableRecorder();
    ActorRef<Object> watcher = node.spawn(recorder, null);
    int rounds = 2_000;
    List<ActorRef<String>> targets = spawnIdle(rounds);
    race(
        rounds,
        i -> targets.get(i).stop("r"),
        i -> watcher.monitor(targets.get(i)),
        i -> assertTrue(targets.get(i).awaitExit(WAIT)));
    Await.until("every end is heard", () -> recorder.events.size() >= rounds);
    // Supervision events go before messages: once a call is answered, every event queued earlier
    // (a duplicate included) has been handled.
    assertEquals(new CallResult.Success<>(true), watcher.<Boolean>call(port -> port, WAIT));
    assertEquals(rounds, recorder.events.size());
  }

  @Test
  void theFirstStopReasonWins() {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EventRecorder<String> sup = new EventRecorder<>();
    ActorRef<String> supervisor = node.spawn(sup, null);
    ActorRef<String> child =
        node.spawnLinked(
            null,
            Behaviours.<String>handling(
                (self, m) -> {
                  inHandler.countDown();
                  release.await();
                }),
            null,
            supervisor);
    child.cast("block");
    await(inHandler);
    child.stop("first");
    child.stop("second");
    release.countDown();
    assertTrue(child.awaitExit(WAIT));
    Await.until(
        "the supervisor hears",
        () -> !sup.eventsOf(SupervisionEvent.ActorTerminated.class).isEmpty());
    assertEquals(
        Optional.of("first"), sup.eventsOf(SupervisionEvent.ActorTerminated.class).get(0).reason());
  }

  @Test
  void aSupervisorHasEndedOnlyOnceItsChildrenReleasedTheirNames() {
    for (int i = 0; i < 500; i++) {
      ActorRef<String> sup = node.spawn(new EventRecorder<String>(), null);
      node.spawnLinked("worker", Behaviours.<String>idle(), null, sup);
      assertTrue(sup.stopAndWait("restart", WAIT));
      assertTrue(
          node.registry().whereIs("worker").isEmpty(), "round " + i + ": name still registered");
      ActorRef<String> again = node.spawn("worker", Behaviours.<String>idle(), null);
      assertTrue(again.stopAndWait("next", WAIT));
    }
  }

  @Test
  void aSupervisorsOutcomeEventComesAfterItsChildrenEnded() {
    EventRecorder<String> top = new EventRecorder<>();
    ActorRef<String> grand = node.spawn(top, null);
    for (int i = 0; i < 300; i++) {
      ActorRef<String> sup = node.spawnLinked(null, new EventRecorder<String>(), null, grand);
      ActorRef<String> kid = node.spawnLinked("kid", Behaviours.<String>idle(), null, sup);
      int seen = top.eventsOf(SupervisionEvent.ActorTerminated.class).size();
      sup.stop("go");
      Await.until(
          "the top hears",
          () -> top.eventsOf(SupervisionEvent.ActorTerminated.class).size() > seen);
      assertEquals(ActorStatus.STOPPED, kid.status(), "round " + i);
    }
  }

  @Test
  void closeHandlesEveryMessageAcceptedBeforeIt() {
    for (int round = 0; round < 20; round++) {
      AtomicInteger handled = new AtomicInteger();
      Node n = Node.create("close-" + round);
      ActorRef<Integer> a =
          n.spawn(Behaviours.<Integer>handling((self, m) -> handled.incrementAndGet()), null);
      ActorRef<Integer> parent = n.spawn(new EventRecorder<Integer>(), null);
      ActorRef<Integer> child =
          n.spawnLinked(
              null,
              Behaviours.<Integer>handling((self, m) -> handled.incrementAndGet()),
              null,
              parent);
      for (int i = 0; i < 1_000; i++) {
        a.cast(i);
        child.cast(i);
      }
      n.close();
      assertEquals(2_000, handled.get(), "round " + round);
      assertEquals(ActorStatus.STOPPED, a.status());
      assertEquals(ActorStatus.STOPPED, child.status());
    }
  }

  @Test
  void closeStopsThenKillsActorsThatDoNotFinishInTheGrace() {
    Node n = Node.create("stubborn");
    CountDownLatch inHandler = new CountDownLatch(1);
    ActorRef<String> stuck =
        n.spawn(
            Behaviours.<String>handling(
                (self, m) -> {
                  inHandler.countDown();
                  Thread.sleep(60_000);
                }),
            null);
    stuck.cast("sleep");
    await(inHandler);
    long start = System.nanoTime();
    n.close(Duration.ofMillis(200));
    assertEquals(ActorStatus.STOPPED, stuck.status());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
  }

  @Test
  void messagesDroppedByAStopAreDeadLetters() {
    List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    node.deadLetters().subscribe(letters::add);
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ActorRef<String> ref =
        node.spawn(
            Behaviours.<String>handling(
                (self, m) -> {
                  inHandler.countDown();
                  release.await();
                }),
            null);
    ref.cast("first");
    await(inHandler);
    ref.cast("dropped-1");
    ref.cast("dropped-2");
    ref.stop("bye");
    release.countDown();
    assertTrue(ref.awaitExit(WAIT));
    Await.until("two dead letters", () -> letters.size() == 2);
    assertEquals(
        List.of("dropped-1", "dropped-2"), letters.stream().map(DeadLetter::message).toList());
    assertEquals(ref, letters.get(0).target());
    assertEquals(DeadLetter.Reason.STOPPED, letters.get(0).reason());
    assertEquals(2, node.deadLetters().count());
  }

  @Test
  void aCastThatReturnedIsHandledOrADeadLetterNeverLost() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    for (int round = 0; round < 300; round++) {
      handled.set(0);
      long before = node.deadLetters().count();
      ActorRef<Integer> ref =
          node.spawn(Behaviours.<Integer>handling((self, m) -> handled.incrementAndGet()), null);
      AtomicInteger returned = new AtomicInteger();
      CompletableFuture<Void> sender =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 2_000; i++) {
                  try {
                    ref.cast(i);
                    returned.incrementAndGet();
                  } catch (MessagingException refused) {
                    return;
                  }
                }
              });
      ref.kill();
      sender.get();
      assertTrue(ref.awaitExit(WAIT));
      long dead = node.deadLetters().count() - before;
      assertEquals(returned.get(), handled.get() + dead, "round " + round);
    }
  }

  @Test
  void aCallToSelfFailsAtOnce() {
    CompletableFuture<Throwable> seen = new CompletableFuture<>();
    ActorRef<String> ref =
        node.spawn(
            Behaviours.<String>handling(
                (self, m) -> {
                  try {
                    self.call(port -> "never", Duration.ofSeconds(30));
                    seen.complete(null);
                  } catch (Throwable t) {
                    seen.complete(t);
                  }
                }),
            null);
    ref.cast("go");
    Throwable t = seen.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
    assertInstanceOf(IllegalStateException.class, t);
    assertTrue(t.getMessage().contains("itself"), t.getMessage());
    assertEquals(ActorStatus.RUNNING, ref.status());
  }

  @Test
  void aCallCycleBetweenTwoActorsFailsAtOnce() {
    CompletableFuture<Throwable> seen = new CompletableFuture<>();
    List<ActorRef<Object>> refs = new CopyOnWriteArrayList<>();
    // b calls a while a is waiting in a call to b.
    ActorRef<Object> b =
        node.spawn(
            Behaviours.<Object>handling(
                (self, m) -> {
                  if (m instanceof io.troupe.rpc.RpcReplyPort<?> port) {
                    try {
                      refs.get(0).call(p -> "back", Duration.ofSeconds(30));
                      seen.complete(null);
                    } catch (Throwable t) {
                      seen.complete(t);
                    }
                    @SuppressWarnings("unchecked")
                    io.troupe.rpc.RpcReplyPort<String> reply =
                        (io.troupe.rpc.RpcReplyPort<String>) port;
                    reply.send("done");
                  }
                }),
            null);
    ActorRef<Object> a =
        node.spawn(
            Behaviours.<Object>handling(
                (self, m) -> {
                  if (m.equals("start")) {
                    b.<String>call(p -> p, Duration.ofSeconds(30));
                  }
                }),
            null);
    refs.add(a);
    a.cast("start");
    Throwable t = seen.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
    assertInstanceOf(IllegalStateException.class, t);
    assertTrue(t.getMessage().contains("cycle"), t.getMessage());
  }

  @Test
  void zeroDelayTimersLeaveNoHandleRegistered() {
    AtomicInteger fired = new AtomicInteger();
    ActorRef<String> ref =
        node.spawn(Behaviours.<String>handling((self, m) -> fired.incrementAndGet()), null);
    int timers = 100_000;
    for (int i = 0; i < timers; i++) {
      ref.sendAfter(Duration.ZERO, () -> "tick");
    }
    Await.until("every timer fired", () -> fired.get() == timers);
    assertEquals(0, ((LocalActorRef<String>) ref).cell().armedTimers());
    assertFalse(ref.status() == ActorStatus.STOPPED);
  }

  private List<ActorRef<String>> spawnIdle(int count) {
    List<ActorRef<String>> refs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      refs.add(node.spawn(Behaviours.<String>idle(), null));
    }
    return refs;
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, java.util.concurrent.TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
