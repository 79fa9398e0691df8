package io.troupe.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.Node;
import io.troupe.SpawnException;
import io.troupe.testing.Await;
import io.troupe.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  final ManualClock clock = new ManualClock();
  final Node node = Node.create("sup", clock);
  final Queue<String> log = new ConcurrentLinkedQueue<>();
  final BlockingQueue<SupervisorEvent> events = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    node.close();
  }

  SupervisorSpec.Builder spec(Strategy strategy, String... ids) {
    SupervisorSpec.Builder b = SupervisorSpec.builder().strategy(strategy).onEvent(events::add);
    for (String id : ids) {
      b.child(ChildSpec.of(id, new Worker(log), id));
    }
    return b;
  }

  @SuppressWarnings("unchecked")
  static ActorRef<Worker.Msg> child(Supervisor sup, String id) {
    return (ActorRef<Worker.Msg>)
        sup.child(id, WAIT).orElseThrow(() -> new AssertionError("no child " + id));
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

  /** Waits until the child has a running ref other than {@code old}. */
  ActorRef<Worker.Msg> restarted(Supervisor sup, String id, ActorRef<?> old) {
    AtomicReference<ActorRef<?>> now = new AtomicReference<>();
    Await.until(
        id + " restarted",
        () -> {
          Optional<ActorRef<?>> r = sup.child(id, WAIT);
          r.ifPresent(now::set);
          return r.isPresent() && !r.get().equals(old);
        });
    return child(sup, id);
  }

  List<String> logSince(int mark) {
    return new ArrayList<>(log).subList(mark, log.size());
  }

  @Test
  void childrenStartInOrderAndStopInReverseOrder() {
    Supervisor sup =
        Supervisor.start(node, null, spec(Strategy.ONE_FOR_ONE, "a", "b", "c").build());
    assertEquals(List.of("start:a", "start:b", "start:c"), new ArrayList<>(log));
    assertTrue(sup.ref().stopAndWait("done", WAIT));
    assertEquals(
        List.of("start:a", "start:b", "start:c", "stop:c", "stop:b", "stop:a"),
        new ArrayList<>(log));
  }

  @Test
  void oneForOneRestartsOnlyTheFailedChild() throws Exception {
    Supervisor sup =
        Supervisor.start(node, null, spec(Strategy.ONE_FOR_ONE, "a", "b", "c").build());
    ActorRef<Worker.Msg> a = child(sup, "a"), b = child(sup, "b"), c = child(sup, "c");
    int mark = log.size();
    b.cast(new Worker.Fail("boom"));
    ActorRef<Worker.Msg> b2 = restarted(sup, "b", b);
    assertEquals(List.of("start:b"), logSince(mark));
    assertEquals(a, child(sup, "a"));
    assertEquals(c, child(sup, "c"));
    assertEquals(ActorStatus.STOPPED, b.status());
    assertEquals("2:0", b2.<String>call(Worker.Get::new, WAIT).orThrow());
    SupervisorEvent.RestartScheduled r = next(SupervisorEvent.RestartScheduled.class);
    assertEquals("b", r.childId());
    assertEquals(Duration.ZERO, r.delay());
    assertEquals("boom", r.cause().orElseThrow().getMessage());
  }

  @Test
  void oneForAllStopsTheOthersInReverseAndRestartsAllInOrder() {
    Supervisor sup =
        Supervisor.start(node, null, spec(Strategy.ONE_FOR_ALL, "a", "b", "c").build());
    ActorRef<Worker.Msg> a = child(sup, "a"), b = child(sup, "b"), c = child(sup, "c");
    int mark = log.size();
    b.cast(new Worker.Fail("boom"));
    restarted(sup, "c", c);
    assertEquals(List.of("stop:c", "stop:a", "start:a", "start:b", "start:c"), logSince(mark));
    assertNotEquals(a, child(sup, "a"));
    assertNotEquals(b, child(sup, "b"));
  }

  @Test
  void restForOneRestartsTheFailedChildAndThoseStartedAfterIt() {
    Supervisor sup =
        Supervisor.start(node, null, spec(Strategy.REST_FOR_ONE, "a", "b", "c", "d").build());
    ActorRef<Worker.Msg> a = child(sup, "a"), b = child(sup, "b"), d = child(sup, "d");
    int mark = log.size();
    b.cast(new Worker.Fail("boom"));
    restarted(sup, "d", d);
    assertEquals(List.of("stop:d", "stop:c", "start:b", "start:c", "start:d"), logSince(mark));
    assertEquals(a, child(sup, "a"));
    assertNotEquals(b, child(sup, "b"));
  }

  @Test
  void permanentChildrenRestartEvenAfterAGracefulStop() {
    Supervisor sup = Supervisor.start(node, null, spec(Strategy.ONE_FOR_ONE, "p").build());
    ActorRef<Worker.Msg> p = child(sup, "p");
    p.cast(new Worker.Stop());
    restarted(sup, "p", p);
  }

  @Test
  void transientChildrenRestartOnFailureOrKillButNotAfterAGracefulStop() throws Exception {
    Supervisor sup =
        Supervisor.start(
            node,
            null,
            SupervisorSpec.builder()
                .onEvent(events::add)
                .child(ChildSpec.of("t", new Worker(log), "t").withRestart(RestartType.TRANSIENT))
                .build());
    ActorRef<Worker.Msg> t1 = child(sup, "t");
    t1.cast(new Worker.Fail("boom"));
    ActorRef<Worker.Msg> t2 = restarted(sup, "t", t1);
    t2.kill();
    ActorRef<Worker.Msg> t3 = restarted(sup, "t", t2);
    t3.cast(new Worker.Stop());
    SupervisorEvent.ChildEnded ended;
    do {
      ended = next(SupervisorEvent.ChildEnded.class);
    } while (!ended.child().equals(t3));
    assertFalse(ended.restarting());
    ChildInfo info = sup.children(WAIT).get(0);
    assertEquals(Optional.empty(), info.ref());
    assertEquals(2, info.restarts());
  }

  @Test
  void temporaryChildrenAreNeverRestartedAndAreForgotten() throws Exception {
    Supervisor sup =
        Supervisor.start(
            node,
            null,
            SupervisorSpec.builder()
                .onEvent(events::add)
                .child(ChildSpec.of("t", new Worker(log), "t").withRestart(RestartType.TEMPORARY))
                .build());
    child(sup, "t").cast(new Worker.Fail("boom"));
    assertFalse(next(SupervisorEvent.ChildEnded.class).restarting());
    assertEquals(List.of(), sup.children(WAIT));
  }

  @Test
  void exceedingTheIntensityStopsTheChildrenAndFailsUpward() throws Exception {
    BlockingQueue<SupervisionEvent> outcome = new LinkedBlockingQueue<>();
    AutoCloseable exits = node.onActorExit((ref, e) -> outcome.add(e));
    Supervisor sup =
        Supervisor.start(
            node,
            null,
            spec(Strategy.ONE_FOR_ONE, "a", "b").intensity(2, Duration.ofMinutes(1)).build());
    for (int i = 0; i < 3; i++) {
      ActorRef<Worker.Msg> b = child(sup, "b");
      b.cast(new Worker.Fail("boom " + i));
      if (i < 2) {
        restarted(sup, "b", b);
      }
    }
    assertTrue(sup.ref().awaitExit(WAIT));
    SupervisorEvent.GaveUp gaveUp = next(SupervisorEvent.GaveUp.class);
    assertEquals("b", gaveUp.childId());
    assertEquals("boom 2", gaveUp.cause().orElseThrow().getMessage());
    assertTrue(log.contains("stop:a"), "the surviving child was stopped gracefully: " + log);
    Await.until(
        "supervisor outcome",
        () ->
            outcome.stream()
                .anyMatch(
                    e ->
                        e instanceof SupervisionEvent.ActorFailed f
                            && f.actor().equals(sup.ref())
                            && f.error() instanceof SupervisorGaveUpException));
    exits.close();
  }

  @Test
  void restartsOlderThanThePeriodNoLongerCount() {
    Supervisor sup =
        Supervisor.start(
            node,
            null,
            spec(Strategy.ONE_FOR_ONE, "b").intensity(2, Duration.ofSeconds(10)).build());
    for (int i = 0; i < 6; i++) {
      ActorRef<Worker.Msg> b = child(sup, "b");
      b.cast(new Worker.Fail("boom " + i));
      restarted(sup, "b", b);
      if (i % 2 == 1) {
        clock.advance(Duration.ofSeconds(10)); // two restarts per period: never one too many
      }
    }
    assertEquals(ActorStatus.RUNNING, sup.ref().status());
  }

  @Test
  void backoffDoublesUpToItsCapAndResetsAfterAStableRun() throws Exception {
    Backoff backoff =
        Backoff.exponential(Duration.ofMillis(100), Duration.ofMillis(400), 0)
            .withResetAfter(Duration.ofSeconds(5));
    Supervisor sup =
        Supervisor.start(
            node,
            null,
            spec(Strategy.ONE_FOR_ONE, "b")
                .backoff(backoff)
                .intensity(100, Duration.ofSeconds(1))
                .build());
    long[] expected = {100, 200, 400, 400};
    for (long millis : expected) {
      ActorRef<Worker.Msg> b = child(sup, "b");
      b.cast(new Worker.Fail("boom"));
      SupervisorEvent.RestartScheduled r = next(SupervisorEvent.RestartScheduled.class);
      assertEquals(Duration.ofMillis(millis), r.delay());
      Await.until("b down", () -> sup.child("b", WAIT).isEmpty());
      clock.advance(Duration.ofMillis(millis - 1));
      assertTrue(
          sup.child("b", WAIT).isEmpty(), "restarted before its backoff of " + millis + " ms");
      clock.advance(Duration.ofMillis(1));
      restarted(sup, "b", b);
    }
    clock.advance(Duration.ofSeconds(5)); // a stable run: the attempts are forgotten
    child(sup, "b").cast(new Worker.Fail("boom"));
    assertEquals(Duration.ofMillis(100), next(SupervisorEvent.RestartScheduled.class).delay());
  }

  @Test
  void jitterStretchesTheDelayWithinItsBound() {
    Backoff b = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(10), 0.5);
    assertEquals(Duration.ofMillis(100), b.delay(1, () -> 0));
    assertEquals(Duration.ofMillis(150), b.delay(1, () -> 1));
    assertEquals(Duration.ofMillis(800), b.delay(4, () -> 0));
    assertEquals(Duration.ofSeconds(10), b.delay(60, () -> 0));
    assertEquals(Duration.ZERO, Backoff.none().delay(5, () -> 0.7));
    assertThrows(
        IllegalArgumentException.class,
        () -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> Backoff.exponential(Duration.ZERO, Duration.ZERO, Double.NaN));
  }

  @Test
  void aChildThatFailsToRestartCountsAsAnotherFailure() throws Exception {
    Worker w = new Worker(log);
    Supervisor sup =
        Supervisor.start(
            node,
            null,
            SupervisorSpec.builder()
                .onEvent(events::add)
                .intensity(5, Duration.ofMinutes(1))
                .child(ChildSpec.of("w", w, "w"))
                .build());
    ActorRef<Worker.Msg> first = child(sup, "w");
    w.failingStarts.set(2);
    first.cast(new Worker.Fail("boom"));
    restarted(sup, "w", first);
    assertEquals(2, log.stream().filter("startfail:w"::equals).count());
    assertEquals(3, sup.children(WAIT).get(0).restarts());
  }

  @Test
  void aStaticChildThatFailsToStartFailsTheSupervisorsSpawn() {
    Worker bad = new Worker(log);
    bad.failingStarts.set(1);
    SupervisorSpec s =
        SupervisorSpec.builder()
            .child(ChildSpec.of("a", new Worker(log), "a"))
            .child(ChildSpec.of("b", bad, "b"))
            .build();
    SpawnException e = assertThrows(SpawnException.class, () -> Supervisor.start(node, "s", s));
    assertInstanceOf(SupervisorException.class, e.getCause());
    assertEquals(List.of("start:a", "startfail:b", "stop:a"), new ArrayList<>(log));
    assertTrue(node.registry().whereIs("s").isEmpty());
  }

  @Test
  void gracefulShutdownThatTimesOutKills() {
    Supervisor sup =
        Supervisor.start(
            node,
            null,
            SupervisorSpec.builder()
                .child(
                    ChildSpec.of("slow", new Worker(log), "slow")
                        .withShutdown(Shutdown.graceful(Duration.ofMillis(100))))
                .build());
    ActorRef<Worker.Msg> slow = child(sup, "slow");
    slow.cast(new Worker.Hold(new CountDownLatch(1))); // never opens
    // A stop would overtake the queued Hold: wait until the handler is in it (the call behind it
    // times out).
    assertInstanceOf(
        io.troupe.rpc.CallResult.Timeout.class, slow.call(Worker.Get::new, Duration.ofMillis(200)));
    assertTrue(sup.stopChild("slow", WAIT));
    assertEquals(ActorStatus.STOPPED, slow.status());
    assertFalse(log.contains("stop:slow"), "killed, so postStop did not run");
    assertEquals(List.of(), sup.children(WAIT));
  }

  @Test
  void killShutdownSkipsPostStop() {
    Supervisor sup =
        Supervisor.start(
            node,
            null,
            SupervisorSpec.builder()
                .child(ChildSpec.of("k", new Worker(log), "k").withShutdown(Shutdown.kill()))
                .build());
    assertTrue(sup.ref().stopAndWait("bye", WAIT));
    assertEquals(List.of("start:k"), new ArrayList<>(log));
  }

  @Test
  void dynamicChildrenStartAndStopAtRunTime() {
    Supervisor sup = Supervisor.start(node, null, spec(Strategy.ONE_FOR_ONE, "a").build());
    ActorRef<?> d1 = sup.startChild(ChildSpec.of("d1", new Worker(log), "d1"), WAIT);
    sup.startChild(
        ChildSpec.of("d2", new Worker(log), "d2").withRestart(RestartType.TRANSIENT), WAIT);
    assertEquals(List.of("a", "d1", "d2"), sup.children(WAIT).stream().map(ChildInfo::id).toList());
    assertTrue(sup.children(WAIT).get(1).dynamic());
    SupervisorException dup =
        assertThrows(
            SupervisorException.class,
            () -> sup.startChild(ChildSpec.of("d1", new Worker(log), "x"), WAIT));
    assertTrue(dup.getMessage().contains("d1"), dup.getMessage());
    Worker bad = new Worker(log);
    bad.failingStarts.set(1);
    assertThrows(
        SupervisorException.class, () -> sup.startChild(ChildSpec.of("bad", bad, "bad"), WAIT));
    assertTrue(sup.stopChild("d1", WAIT));
    assertFalse(sup.stopChild("d1", WAIT));
    assertEquals(ActorStatus.STOPPED, d1.status());
    assertEquals(List.of("a", "d2"), sup.children(WAIT).stream().map(ChildInfo::id).toList());
    assertTrue(sup.ref().stopAndWait("bye", WAIT));
    List<String> stops = log.stream().filter(s -> s.startsWith("stop:")).toList();
    assertEquals(List.of("stop:d1", "stop:d2", "stop:a"), stops);
  }

  @Test
  void aRestartedChildIsFoundAgainByItsRegisteredName() {
    Supervisor sup =
        Supervisor.start(
            node,
            null,
            SupervisorSpec.builder()
                .child(ChildSpec.of("db", new Worker(log), "db").withName("database"))
                .build());
    ActorRef<?> first = node.registry().whereIs("database").orElseThrow();
    node.registry().whereIs("database", Worker.Msg.class).orElseThrow().cast(new Worker.Fail("x"));
    restarted(sup, "db", first);
    Await.until(
        "name points at the new child",
        () -> node.registry().whereIs("database").filter(r -> !r.equals(first)).isPresent());
  }

  @Test
  void aSubtreeThatGivesUpIsRestartedByItsParent() throws Exception {
    BlockingQueue<SupervisorEvent> outer = new LinkedBlockingQueue<>();
    SupervisorSpec inner =
        spec(Strategy.ONE_FOR_ONE, "w").intensity(0, Duration.ofSeconds(1)).build();
    Supervisor top =
        Supervisor.start(
            node,
            null,
            SupervisorSpec.builder()
                .onEvent(outer::add)
                .child(Supervisor.childSpec("inner", inner))
                .build());
    Supervisor sub = Supervisor.of(top.child("inner", WAIT).orElseThrow());
    child(sub, "w").cast(new Worker.Fail("boom"));
    SupervisorEvent.RestartScheduled r = null;
    while (r == null) {
      SupervisorEvent e = outer.poll(10, TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("the outer supervisor scheduled no restart");
      }
      r = e instanceof SupervisorEvent.RestartScheduled rs ? rs : null;
    }
    assertEquals("inner", r.childId());
    assertInstanceOf(SupervisorGaveUpException.class, r.cause().orElseThrow());
    Supervisor sub2 = Supervisor.of(restarted(top, "inner", sub.ref()));
    assertTrue(child(sub2, "w").status().compareTo(ActorStatus.STOPPING) < 0);
  }

  @Test
  void specificationsRefuseBadValues() {
    assertThrows(
        IllegalArgumentException.class, () -> RestartIntensity.of(-1, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> RestartIntensity.of(1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Shutdown.graceful(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> ChildSpec.of("", new Worker(log), "x"));
    assertThrows(
        IllegalStateException.class,
        () -> ChildSpec.of("x", (n, name, s) -> null).restartInPlace());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SupervisorSpec.builder()
                .child(ChildSpec.of("x", new Worker(log), "1"))
                .child(ChildSpec.of("x", new Worker(log), "2"))
                .build());
  }

  @Test
  void nodeWideListenersHearEverySupervisorsEventsWithItsRefUntilClosed() throws Exception {
    BlockingQueue<SupervisorEvent> heard = new LinkedBlockingQueue<>();
    List<ActorRef<?>> from = new java.util.concurrent.CopyOnWriteArrayList<>();
    AutoCloseable listening =
        node.onSupervisorEvent(
            (supervisor, event) -> {
              from.add(supervisor);
              heard.add(event);
            });
    AutoCloseable throwing =
        node.onSupervisorEvent(
            (supervisor, event) -> {
              throw new IllegalStateException("a listener that throws is skipped");
            });
    Supervisor sup = Supervisor.start(node, "top", spec(Strategy.ONE_FOR_ONE, "a").build());
    ActorRef<Worker.Msg> a = child(sup, "a");
    a.cast(new Worker.Fail("boom"));
    ActorRef<Worker.Msg> again = restarted(sup, "a", a);
    sup.children(WAIT); // a round trip: the supervisor has told every listener by now
    List<SupervisorEvent> spec = new ArrayList<>(events);
    List<SupervisorEvent> nodeWide = new ArrayList<>(heard);
    assertEquals(spec, nodeWide, "the node-wide listener hears what the spec's listener hears");
    assertEquals(
        List.of(
            SupervisorEvent.ChildStarted.class,
            SupervisorEvent.ChildEnded.class,
            SupervisorEvent.RestartScheduled.class,
            SupervisorEvent.ChildStarted.class),
        nodeWide.stream().map(Object::getClass).toList());
    assertTrue(from.stream().allMatch(sup.ref()::equals), "every event names its supervisor");

    listening.close();
    throwing.close();
    heard.clear();
    again.cast(new Worker.Fail("boom again"));
    restarted(sup, "a", again);
    sup.children(WAIT);
    assertEquals(List.of(), List.copyOf(heard), "a closed listener hears nothing more");
  }
}
