package io.troupe.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.rpc.CallResult;
import io.troupe.testing.Await;
import io.troupe.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InPlaceTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  final ManualClock clock = new ManualClock();
  final Node node = Node.create("inplace", clock);
  final Queue<String> log = new ConcurrentLinkedQueue<>();
  final BlockingQueue<SupervisorEvent> events = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    node.close();
  }

  @SuppressWarnings("unchecked")
  static ActorRef<Worker.Msg> child(Supervisor sup, String id) {
    return (ActorRef<Worker.Msg>) sup.child(id, WAIT).orElseThrow();
  }

  Supervisor supervisor(Strategy strategy, ChildSpec... children) {
    SupervisorSpec.Builder b =
        SupervisorSpec.builder()
            .strategy(strategy)
            .onEvent(events::add)
            .intensity(10, Duration.ofMinutes(1));
    for (ChildSpec c : children) {
      b.child(c);
    }
    return Supervisor.start(node, null, b.build());
  }

  @Test
  void aFailedChildKeepsItsRefAndItsQueuedMessages() {
    Supervisor sup =
        supervisor(Strategy.ONE_FOR_ONE, ChildSpec.of("w", new Worker(log), "w").restartInPlace());
    ActorRef<Worker.Msg> w = child(sup, "w");
    CountDownLatch open = new CountDownLatch(1);
    w.cast(new Worker.Hold(open));
    w.cast(new Worker.Add(5)); // handled by the old incarnation
    w.cast(new Worker.Fail("boom"));
    w.cast(new Worker.Add(1)); // queued when it failed: handled by the new one
    w.cast(new Worker.Add(2));
    open.countDown();
    assertEquals("2:3", w.<String>call(Worker.Get::new, WAIT).orThrow());
    assertEquals(w, child(sup, "w"));
    assertEquals(ActorStatus.RUNNING, w.status());
    assertEquals(
        List.of("start:w", "start:w"),
        new ArrayList<>(log),
        "preStart ran afresh, postStop did not");
    assertEquals(1, sup.children(WAIT).get(0).restarts());
  }

  @Test
  void theCallWhoseHandlerFailedAndCallsKeptInTheOldStateFailAtOnce() throws Exception {
    Supervisor sup =
        supervisor(Strategy.ONE_FOR_ONE, ChildSpec.of("w", new Worker(log), "w").restartInPlace());
    ActorRef<Worker.Msg> w = child(sup, "w");
    CompletableFuture<CallResult<String>> kept =
        w.callAsync(Worker.Defer::new, Duration.ofMinutes(5));
    long start = System.nanoTime();
    CallResult<String> failed = w.call(Worker.FailCall::new, Duration.ofMinutes(5));
    assertInstanceOf(CallResult.SenderError.class, failed);
    assertInstanceOf(CallResult.SenderError.class, kept.get(10, TimeUnit.SECONDS));
    assertTrue(
        System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8), "failed fast, not at the timeout");
    assertEquals("2:0", w.<String>call(Worker.Get::new, WAIT).orThrow());
  }

  @Test
  void theBackoffRunsOnTheNodesClockAndMessagesWaitForIt() throws Exception {
    SupervisorSpec spec =
        SupervisorSpec.builder()
            .onEvent(events::add)
            .backoff(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(8), 0))
            .child(ChildSpec.of("w", new Worker(log), "w").restartInPlace())
            .build();
    Supervisor sup = Supervisor.start(node, null, spec);
    ActorRef<Worker.Msg> w = child(sup, "w");
    w.cast(new Worker.Fail("boom"));
    CompletableFuture<CallResult<String>> get = w.callAsync(Worker.Get::new, WAIT);
    SupervisorEvent.RestartScheduled r = next(SupervisorEvent.RestartScheduled.class);
    assertTrue(r.inPlace());
    assertEquals(Duration.ofSeconds(1), r.delay());
    Await.until("backoff timer armed", () -> clock.pending() > 0);
    clock.advance(Duration.ofMillis(999));
    assertTrue(!get.isDone() && log.size() == 1, "restarted before its backoff");
    clock.advance(Duration.ofMillis(1));
    assertEquals("2:0", get.get(10, TimeUnit.SECONDS).orThrow());
  }

  @Test
  void oneForAllRestartsInPlaceSiblingsInPlaceAndOthersAsNewActors() {
    Supervisor sup =
        supervisor(
            Strategy.ONE_FOR_ALL,
            ChildSpec.of("a", new Worker(log), "a").restartInPlace(),
            ChildSpec.of("b", new Worker(log), "b"),
            ChildSpec.of("c", new Worker(log), "c").restartInPlace());
    ActorRef<Worker.Msg> a = child(sup, "a"), b = child(sup, "b"), c = child(sup, "c");
    a.cast(new Worker.Add(1));
    c.cast(new Worker.Add(1));
    c.cast(new Worker.Fail("boom"));
    Await.until(
        "a restarted in place",
        () -> a.<String>call(Worker.Get::new, WAIT).orThrow().equals("2:0"));
    assertEquals("2:0", c.<String>call(Worker.Get::new, WAIT).orThrow());
    Await.until(
        "b restarted as a new actor",
        () -> sup.child("b", WAIT).filter(r -> !r.equals(b)).isPresent());
    assertEquals(a, child(sup, "a"));
    assertEquals(c, child(sup, "c"));
  }

  @Test
  void pastTheIntensityTheChildFailsForRealAndTheSupervisorGivesUp() throws Exception {
    SupervisorSpec spec =
        SupervisorSpec.builder()
            .onEvent(events::add)
            .intensity(1, Duration.ofMinutes(1))
            .child(ChildSpec.of("w", new Worker(log), "w").restartInPlace())
            .build();
    Supervisor sup = Supervisor.start(node, null, spec);
    ActorRef<Worker.Msg> w = child(sup, "w");
    w.cast(new Worker.Fail("one"));
    assertEquals("2:0", w.<String>call(Worker.Get::new, WAIT).orThrow());
    w.cast(new Worker.Fail("two"));
    assertTrue(w.awaitExit(WAIT));
    assertTrue(sup.ref().awaitExit(WAIT));
    assertEquals("two", next(SupervisorEvent.GaveUp.class).cause().orElseThrow().getMessage());
  }

  @Test
  void standaloneRestartInPlaceUsesItsOwnIntensity() {
    ActorRef<Worker.Msg> w =
        node.spawn(
            InPlace.restarting(
                new Worker(log), RestartIntensity.of(2, Duration.ofMinutes(1)), Backoff.none()),
            "solo");
    for (int i = 0; i < 2; i++) {
      w.cast(new Worker.Fail("boom"));
      assertEquals((i + 2) + ":0", w.<String>call(Worker.Get::new, WAIT).orThrow());
    }
    w.cast(new Worker.Fail("boom"));
    assertTrue(w.awaitExit(WAIT));
    assertEquals(3, log.size());
  }

  @Test
  void aKillDuringTheBackoffEndsTheActorAtOnce() throws Exception {
    ActorRef<Worker.Msg> w =
        node.spawn(
            InPlace.restarting(
                new Worker(log),
                RestartIntensity.of(5, Duration.ofMinutes(1)),
                Backoff.exponential(Duration.ofHours(1), Duration.ofHours(1), 0)),
            "solo");
    w.cast(new Worker.Fail("boom"));
    Await.until("in its backoff", () -> clock.pending() > 0);
    assertTrue(w.killAndWait(WAIT));
    assertEquals(1, log.size());
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aWronglyTypedCastFailsAtTheSenderAndCausesNoRestart() {
    ActorRef<Worker.Msg> solo =
        node.spawn(
            "solo",
            InPlace.restarting(
                new Worker(log), RestartIntensity.of(5, Duration.ofMinutes(1)), Backoff.none()),
            "solo");
    Supervisor sup =
        supervisor(Strategy.ONE_FOR_ONE, ChildSpec.of("w", new Worker(log), "w").restartInPlace());
    ActorRef<Worker.Msg> supervised = child(sup, "w");
    for (ActorRef<Worker.Msg> w : List.of(solo, supervised)) {
      assertEquals(java.util.Optional.of(Worker.Msg.class), w.messageType());
      ActorRef raw = w;
      MessagingException e = assertThrows(MessagingException.class, () -> raw.cast("wrong"));
      assertEquals("wrong", e.undelivered());
      assertEquals("1:0", w.<String>call(Worker.Get::new, WAIT).orThrow(), "no restart");
    }
    assertTrue(node.registry().whereIs("solo", Worker.Msg.class).isPresent());
    assertTrue(node.registry().whereIs("solo", String.class).isEmpty());
    assertEquals(List.of("start:solo", "start:w"), new ArrayList<>(log));
  }

  <E extends SupervisorEvent> E next(Class<E> type) throws InterruptedException {
    for (; ; ) {
      SupervisorEvent e = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("no " + type.getSimpleName() + " event");
      }
      if (type.isInstance(e)) {
        return type.cast(e);
      }
    }
  }
}
