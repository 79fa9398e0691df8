package io.troupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final Node node = Node.create("lifecycle");

  @AfterEach
  void close() {
    node.close();
  }

  /** Records hook calls in order. */
  static final class Recorder implements Actor<String, List<String>, List<String>> {
    @Override
    public List<String> preStart(ActorRef<String> self, List<String> log) {
      log.add("preStart:" + self.status());
      return log;
    }

    @Override
    public List<String> postStart(ActorRef<String> self, List<String> log) {
      log.add("postStart");
      return log;
    }

    @Override
    public List<String> handle(ActorRef<String> self, String message, List<String> log) {
      log.add("handle:" + message);
      return log;
    }

    @Override
    public void postStop(ActorRef<String> self, List<String> log) {
      log.add("postStop:" + self.status());
    }
  }

  @Test
  void hooksRunInOrderAndStatusMovesForward() {
    List<String> log = new CopyOnWriteArrayList<>();
    ActorRef<String> ref = node.spawn(new Recorder(), log);
    ref.cast("a");
    ref.cast("b");
    Await.until("two messages handled", () -> log.size() == 4);
    assertEquals(ActorStatus.RUNNING, ref.status());
    assertTrue(ref.stopAndWait("done", WAIT));
    assertEquals(
        List.of("preStart:STARTING", "postStart", "handle:a", "handle:b", "postStop:STOPPING"),
        log);
    assertEquals(ActorStatus.STOPPED, ref.status());
  }

  @Test
  void failingPreStartThrowsSpawnExceptionAndLeavesNothing() {
    IllegalStateException boom = new IllegalStateException("boom");
    Actor<String, Object, Void> failing =
        new Actor<>() {
          @Override
          public Object preStart(ActorRef<String> self, Void args) {
            throw boom;
          }
        };
    SpawnException e =
        assertThrows(SpawnException.class, () -> node.spawn("taken?", failing, null));
    assertSame(boom, e.getCause());
    assertTrue(node.registry().whereIs("taken?").isEmpty());
    assertEquals(0, node.runtime().liveActors());
    // The name is free again at once.
    ActorRef<String> ok = node.spawn("taken?", Behaviours.idle(), null);
    assertEquals(ActorStatus.RUNNING, awaitRunning(ok));
  }

  @Test
  void failingPreStartWithErrorIsCapturedToo() {
    Actor<String, Object, Void> failing =
        new Actor<>() {
          @Override
          public Object preStart(ActorRef<String> self, Void args) {
            throw new AssertionError("panic");
          }
        };
    SpawnException e = assertThrows(SpawnException.class, () -> node.spawn(failing, null));
    assertInstanceOf(AssertionError.class, e.getCause());
  }

  @Test
  void duplicateNameIsAClearSpawnError() {
    node.spawn("unique", Behaviours.idle(), null);
    SpawnException e =
        assertThrows(SpawnException.class, () -> node.spawn("unique", Behaviours.idle(), null));
    assertTrue(e.getMessage().contains("'unique' is already registered"), e.getMessage());
    assertEquals(1, node.runtime().liveActors());
  }

  @Test
  void nameIsReleasedBeforeAwaitExitReturns() {
    for (int i = 0; i < 100; i++) {
      ActorRef<String> ref = node.spawn("reused", Behaviours.idle(), null);
      assertEquals(ref, node.registry().whereIs("reused").orElseThrow());
      assertTrue(ref.stopAndWait(null, WAIT));
      assertTrue(node.registry().whereIs("reused").isEmpty());
    }
  }

  @Test
  void stopTakesPriorityOverQueuedMessages() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger handled = new AtomicInteger();
    ActorRef<String> ref =
        node.spawn(
            Behaviours.<String>handling(
                (self, m) -> {
                  handled.incrementAndGet();
                  inHandler.countDown();
                  release.await();
                }),
            null);
    for (int i = 0; i < 10; i++) {
      ref.cast("work");
    }
    assertTrue(inHandler.await(5, TimeUnit.SECONDS));
    ref.stop("enough");
    assertEquals(
        ActorStatus.RUNNING, ref.status(), "the running handler is not interrupted by stop");
    release.countDown();
    assertTrue(ref.awaitExit(WAIT));
    assertEquals(1, handled.get());
  }

  @Test
  void killInterruptsABlockedHandlerAndSkipsPostStop() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    AtomicInteger postStops = new AtomicInteger();
    Actor<String, Object, Void> sleeper =
        new Actor<>() {
          @Override
          public Object preStart(ActorRef<String> self, Void args) {
            return "s";
          }

          @Override
          public Object handle(ActorRef<String> self, String m, Object s) throws Exception {
            inHandler.countDown();
            Thread.sleep(60_000);
            return s;
          }

          @Override
          public void postStop(ActorRef<String> self, Object s) {
            postStops.incrementAndGet();
          }
        };
    ActorRef<String> ref = node.spawn(sleeper, null);
    ref.cast("sleep");
    assertTrue(inHandler.await(5, TimeUnit.SECONDS));
    assertTrue(ref.killAndWait(WAIT));
    assertEquals(0, postStops.get());
  }

  @Test
  void killInterruptsASupervisionHandler() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    Actor<String, Object, Void> slowSupervisor =
        new Actor<>() {
          @Override
          public Object preStart(ActorRef<String> self, Void args) {
            return "s";
          }

          @Override
          public Object handleSupervisorEvent(
              ActorRef<String> self, io.troupe.supervision.SupervisionEvent e, Object s)
              throws Exception {
            inHandler.countDown();
            Thread.sleep(60_000);
            return s;
          }
        };
    ActorRef<String> sup = node.spawn(slowSupervisor, null);
    ActorRef<String> watched = node.spawn(Behaviours.idle(), null);
    sup.monitor(watched);
    watched.stop();
    assertTrue(inHandler.await(5, TimeUnit.SECONDS));
    assertTrue(sup.killAndWait(WAIT));
  }

  @Test
  void killOfAnIdleActorEndsIt() {
    ActorRef<String> ref = node.spawn(Behaviours.idle(), null);
    assertTrue(ref.killAndWait(WAIT));
    assertEquals(ActorStatus.STOPPED, ref.status());
  }

  @Test
  void sendingToAStoppedActorThrowsAndHandsTheMessageBack() {
    ActorRef<String> ref = node.spawn(Behaviours.idle(), null);
    assertTrue(ref.stopAndWait(null, WAIT));
    MessagingException e = assertThrows(MessagingException.class, () -> ref.cast("late"));
    assertEquals("late", e.undelivered());
  }

  @Test
  void awaitExitReturnsAtOnceForAStoppedActorAndReleasesEveryWaiter() throws Exception {
    ActorRef<String> ref = node.spawn(Behaviours.idle(), null);
    int waiters = 8;
    CountDownLatch released = new CountDownLatch(waiters);
    for (int i = 0; i < waiters; i++) {
      Thread.ofVirtual()
          .start(
              () -> {
                if (ref.awaitExit(WAIT)) {
                  released.countDown();
                }
              });
    }
    ref.stop();
    assertTrue(released.await(5, TimeUnit.SECONDS));
    long t0 = System.nanoTime();
    assertTrue(ref.awaitExit(Duration.ofMillis(1)));
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1));
  }

  @Test
  void awaitExitTimesOutOnARunningActor() {
    ActorRef<String> ref = node.spawn(Behaviours.idle(), null);
    assertFalse(ref.awaitExit(Duration.ofMillis(20)));
  }

  @Test
  void drainProcessesEveryQueuedMessageThenStopsWithReasonDrained() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger handled = new AtomicInteger();
    Behaviours.EventRecorder<String> watcher = new Behaviours.EventRecorder<>();
    ActorRef<String> watcherRef = node.spawn(watcher, null);
    ActorRef<String> ref =
        node.spawn(
            Behaviours.<String>handling(
                (self, m) -> {
                  release.await();
                  handled.incrementAndGet();
                }),
            null);
    watcherRef.monitor(ref);
    for (int i = 0; i < 100; i++) {
      ref.cast("m" + i);
    }
    ref.drain();
    assertEquals(ActorStatus.DRAINING, ref.status());
    assertThrows(MessagingException.class, () -> ref.cast("after drain"));
    release.countDown();
    assertTrue(ref.awaitExit(WAIT));
    assertEquals(100, handled.get());
    // The end event, not merely the first event (a monitor may hear of the start first).
    Await.until(
        "watcher told of the end",
        () ->
            !watcher
                .eventsOf(io.troupe.supervision.SupervisionEvent.ActorTerminated.class)
                .isEmpty());
    var terminated =
        watcher.eventsOf(io.troupe.supervision.SupervisionEvent.ActorTerminated.class).get(0);
    assertEquals("drained", terminated.reason().orElseThrow());
  }

  @Test
  void stopDuringPreStartEndsAfterPostStart() {
    List<String> log = new CopyOnWriteArrayList<>();
    Actor<String, List<String>, Void> selfStopping =
        new Actor<>() {
          @Override
          public List<String> preStart(ActorRef<String> self, Void args) {
            self.stop("early");
            return log;
          }

          @Override
          public List<String> postStart(ActorRef<String> self, List<String> s) {
            s.add("postStart");
            return s;
          }

          @Override
          public void postStop(ActorRef<String> self, List<String> s) {
            s.add("postStop");
          }
        };
    ActorRef<String> ref = node.spawn(selfStopping, null);
    assertTrue(ref.awaitExit(WAIT));
    assertEquals(List.of("postStart", "postStop"), log);
  }

  @Test
  void messagesSentBeforeStartIsDoneAreHandledAfterPostStart() {
    List<String> log = new CopyOnWriteArrayList<>();
    Actor<String, List<String>, Void> a =
        new Actor<>() {
          @Override
          public List<String> preStart(ActorRef<String> self, Void args) {
            self.cast("from preStart");
            return log;
          }

          @Override
          public List<String> postStart(ActorRef<String> self, List<String> s) {
            s.add("postStart");
            return s;
          }

          @Override
          public List<String> handle(ActorRef<String> self, String m, List<String> s) {
            s.add(m);
            return s;
          }
        };
    node.spawn(a, null);
    Await.until("message handled", () -> log.size() == 2);
    assertEquals(List.of("postStart", "from preStart"), log);
  }

  @Test
  void perSenderOrderIsKept() throws Exception {
    int senders = 4;
    int perSender = 20_000;
    int[][] lastSeen = new int[senders][1];
    AtomicInteger violations = new AtomicInteger();
    AtomicInteger total = new AtomicInteger();
    record Seq(int sender, int n) {}
    ActorRef<Seq> ref =
        node.spawn(
            Behaviours.<Seq>handling(
                (self, m) -> {
                  if (m.n() != lastSeen[m.sender()][0] + 1) {
                    violations.incrementAndGet();
                  }
                  lastSeen[m.sender()][0] = m.n();
                  total.incrementAndGet();
                }),
            null);
    Thread[] threads = new Thread[senders];
    for (int s = 0; s < senders; s++) {
      int sender = s;
      threads[s] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int n = 1; n <= perSender; n++) {
                      ref.cast(new Seq(sender, n));
                    }
                  });
    }
    for (Thread t : threads) {
      t.join();
    }
    Await.until("all handled", () -> total.get() == senders * perSender);
    assertEquals(0, violations.get());
  }

  @Test
  void handlersOfOneActorNeverOverlap() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger total = new AtomicInteger();
    ActorRef<Integer> ref =
        node.spawn(
            Behaviours.<Integer>handling(
                (self, m) -> {
                  if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                  }
                  if (m % 1000 == 0) {
                    Thread.yield();
                  }
                  inside.decrementAndGet();
                  total.incrementAndGet();
                }),
            null);
    Thread[] threads = new Thread[4];
    for (int s = 0; s < threads.length; s++) {
      threads[s] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int n = 0; n < 25_000; n++) {
                      ref.cast(n);
                      if (n % 5000 == 0) {
                        Thread.onSpinWait();
                      }
                    }
                  });
    }
    for (Thread t : threads) {
      t.join();
    }
    Await.until("all handled", () -> total.get() == 100_000);
    assertEquals(0, overlaps.get());
  }

  @Test
  void instantSpawnQueuesMessagesUntilPreStartReturns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger handled = new AtomicInteger();
    Actor<String, Object, Void> slowStart =
        new Actor<>() {
          @Override
          public Object preStart(ActorRef<String> self, Void args) throws Exception {
            release.await();
            return "s";
          }

          @Override
          public Object handle(ActorRef<String> self, String m, Object s) {
            handled.incrementAndGet();
            return s;
          }
        };
    InstantSpawn<String> spawn = node.spawnInstant("instant", slowStart, null, null);
    for (int i = 0; i < 10; i++) {
      spawn.ref().cast("m" + i);
    }
    assertEquals(0, handled.get());
    assertFalse(spawn.started().isDone());
    release.countDown();
    spawn.started().get(5, TimeUnit.SECONDS);
    Await.until("queued messages handled", () -> handled.get() == 10);
  }

  @Test
  void instantSpawnReportsAFailingPreStartThroughItsFuture() {
    Actor<String, Object, Void> failing =
        new Actor<>() {
          @Override
          public Object preStart(ActorRef<String> self, Void args) {
            throw new IllegalStateException("nope");
          }
        };
    InstantSpawn<String> spawn = node.spawnInstant("instant-fail", failing, null, null);
    var e =
        assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> spawn.started().get(5, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertTrue(spawn.ref().awaitExit(WAIT));
    assertTrue(node.registry().whereIs("instant-fail").isEmpty());
  }

  @Test
  void stopAndWaitAndKillAndWaitWorkOnAnActorStillStarting() {
    Actor<String, Object, Void> slowStart =
        new Actor<>() {
          @Override
          public Object preStart(ActorRef<String> self, Void args) throws Exception {
            Thread.sleep(50);
            return "s";
          }
        };
    InstantSpawn<String> a = node.spawnInstant(null, slowStart, null, null);
    assertTrue(a.ref().stopAndWait(null, WAIT));
    InstantSpawn<String> b = node.spawnInstant(null, slowStart, null, null);
    assertTrue(b.ref().killAndWait(WAIT));
  }

  /** A behaviour that names its message type, so the runtime can check it. */
  static final class Strings implements Actor<String, Object, Void> {
    final List<String> got = new CopyOnWriteArrayList<>();

    @Override
    public Object preStart(ActorRef<String> self, Void args) {
      return "s";
    }

    @Override
    public Object handle(ActorRef<String> self, String m, Object s) {
      got.add(m);
      return s;
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aMessageOfTheWrongTypeIsRefusedWithoutHarmingTheActor() {
    Strings strings = new Strings();
    ActorRef<String> ref = node.spawn("strings", strings, null);
    ActorRef raw = ref;
    MessagingException e = assertThrows(MessagingException.class, () -> raw.cast(42));
    assertEquals(42, e.undelivered());
    assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    ref.cast("still fine");
    Await.until("handled", () -> strings.got.equals(List.of("still fine")));
    assertEquals(ActorStatus.RUNNING, ref.status());
    assertEquals(java.util.Optional.of(String.class), ref.messageType());
    assertTrue(node.registry().whereIs("strings", String.class).isPresent());
    assertTrue(node.registry().whereIs("strings", Integer.class).isEmpty());
  }

  /** A generic base that leaves the message type to its subclasses. */
  abstract static class Base<T, X> implements Actor<T, Object, Void> {
    @Override
    public Object preStart(ActorRef<T> self, Void args) {
      return "s";
    }
  }

  /** Binds the message type two levels down, with the type parameters in another order. */
  abstract static class Swapped<Y, T> extends Base<T, Y> {}

  static final class Longs extends Swapped<String, Long> {}

  /** An interface that extends Actor and is bound by its implementation. */
  interface Typed<T> extends Actor<T, Object, Void> {}

  static final class Doubles implements Typed<Double> {
    @Override
    public Object preStart(ActorRef<Double> self, Void args) {
      return "s";
    }
  }

  /** Names no concrete type: the check stays off. */
  static final class Open<T> extends Base<T, String> {}

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void theMessageTypeIsFoundThroughGenericSuperclassesAndInterfaces() {
    ActorRef longs = node.spawn(new Longs(), null);
    ActorRef doubles = node.spawn(new Doubles(), null);
    ActorRef open = node.spawn(new Open<Integer>(), null);
    assertEquals(java.util.Optional.of(Long.class), longs.messageType());
    assertEquals(java.util.Optional.of(Double.class), doubles.messageType());
    assertEquals(java.util.Optional.empty(), open.messageType());
    assertThrows(MessagingException.class, () -> longs.cast("not a long"));
    assertThrows(MessagingException.class, () -> doubles.cast(1L));
    longs.cast(1L);
    doubles.cast(1.0);
    open.cast("anything");
    assertEquals(ActorStatus.RUNNING, awaitRunning(longs)); // spawn returns before preStart ends
  }

  private static ActorStatus awaitRunning(ActorRef<?> ref) {
    Await.until("running", () -> ref.status() == ActorStatus.RUNNING);
    return ref.status();
  }
}
