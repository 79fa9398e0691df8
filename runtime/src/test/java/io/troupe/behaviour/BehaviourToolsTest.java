package io.troupe.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.internal.LocalActorRef;
import io.troupe.testing.Await;
import io.troupe.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BehaviourToolsTest {
  static final Duration SECOND = Duration.ofSeconds(1);

  final ManualClock clock = new ManualClock();
  final Node node = Node.create("tools", clock);
  final Queue<String> log = new ConcurrentLinkedQueue<>();

  @AfterEach
  void close() {
    node.close();
  }

  /** A message that is a string, or an action on the actor's tools. */
  record Do(BiConsumer<ActorRef<Object>, Tools> action) {}

  record Hold(CountDownLatch open) {}

  /** What the test actor keeps. */
  static final class Tools {
    final Stash<Object> stash = new Stash<>(3);
    Timers<Object> timers;
    ReceiveTimeout<Object> idle;
    boolean open;
  }

  /** Logs strings; stashes them while closed; "open" unstashes. */
  Actor<Object, Tools, Void> actor() {
    return new Actor<>() {
      @Override
      public Tools preStart(ActorRef<Object> self, Void a) {
        Tools t = new Tools();
        t.timers = Timers.of(self);
        return t;
      }

      @Override
      public Tools handle(ActorRef<Object> self, Object m, Tools t) throws Exception {
        if (!t.timers.received(m) || (t.idle != null && !t.idle.received(m))) {
          log.add("stale:" + m);
          return t;
        }
        switch (m) {
          case Do d -> d.action().accept(self, t);
          case Hold h -> h.open().await();
          case String o when o.equals("open") -> {
            t.open = true;
            log.add("open");
            return t.stash.unstashAll(t, (msg, st) -> handle(self, msg, st));
          }
          case String s when !t.open -> t.stash.stash(s);
          default -> log.add(String.valueOf(m));
        }
        return t;
      }
    };
  }

  List<String> logged() {
    return new ArrayList<>(log);
  }

  void awaitLog(String... expected) {
    Await.until("log " + List.of(expected), () -> logged().equals(List.of(expected)));
  }

  @Test
  void unstashAllHandlesStashedMessagesAheadOfTheMailbox() {
    ActorRef<Object> a = node.spawn(actor(), null);
    CountDownLatch open = new CountDownLatch(1);
    a.cast("x");
    a.cast("y");
    a.cast(new Hold(open));
    a.cast("open");
    a.cast("z"); // in the mailbox while the stash is unstashed
    open.countDown();
    awaitLog("open", "x", "y", "z");
  }

  @Test
  void aFullStashRefusesTheMessageWithATypedError() throws Exception {
    Stash<String> s = new Stash<>(2);
    s.stash("a");
    s.stash("b");
    assertTrue(s.isFull());
    StashOverflowException e = assertThrows(StashOverflowException.class, () -> s.stash("c"));
    assertEquals("c", e.refused());
    assertEquals(2, e.capacity());
    assertEquals(List.of("a", "b"), s.clear());
    assertThrows(IllegalArgumentException.class, () -> new Stash<>(0));
  }

  @Test
  void unstashAllRestashesAtTheBackAndKeepsTheRestWhenTheHandlerThrows() throws Exception {
    Stash<String> s = new Stash<>(10);
    for (String m : List.of("a", "b", "c", "d")) {
      s.stash(m);
    }
    List<String> seen = new ArrayList<>();
    assertThrows(
        IllegalStateException.class,
        () ->
            s.unstashAll(
                0,
                (m, n) -> {
                  seen.add(m);
                  if (m.equals("a")) {
                    s.stash("a2"); // stashed again: behind the rest, not handled in this round
                  }
                  if (m.equals("c")) {
                    throw new IllegalStateException("bad c");
                  }
                  return n + 1;
                }));
    assertEquals(List.of("a", "b", "c"), seen);
    assertEquals(List.of("d", "a2"), s.clear());
  }

  @Test
  void restartingAKeyedTimerReplacesItEvenWhenItsMessageIsQueued() {
    ActorRef<Object> a = node.spawn(actor(), null);
    a.cast(new Do((self, t) -> t.timers.startSingle("k", SECOND, "first")));
    Await.until("timer armed", () -> clock.pending() == 1);
    CountDownLatch open = new CountDownLatch(1);
    a.cast(new Hold(open));
    a.cast("open");
    a.cast(
        new Do(
            (self, t) ->
                t.timers.startSingle("k", SECOND, "second"))); // queued before "first" fires
    clock.advance(SECOND); // "first" is queued behind the restart
    open.countDown();
    Await.until("replacement armed", () -> clock.pending() == 1);
    clock.advance(SECOND);
    awaitLog("open", "stale:first", "second");
    a.cast(new Do((self, t) -> log.add("active:" + t.timers.isActive("k"))));
    Await.until("inactive after delivery", () -> log.contains("active:false"));
  }

  @Test
  void fixedRateAndFixedDelayTimersRepeatUntilCancelledByKey() {
    ActorRef<Object> a = node.spawn(actor(), null);
    a.cast("open");
    a.cast(
        new Do(
            (self, t) -> {
              t.timers.startFixedRate("rate", SECOND, "rate");
              t.timers.startFixedDelay("delay", SECOND, "delay");
            }));
    Await.until("timers armed", () -> clock.pending() == 2);
    clock.advance(Duration.ofMillis(3500));
    Await.until(
        "three of each",
        () ->
            log.stream().filter("rate"::equals).count() == 3
                && log.stream().filter("delay"::equals).count() == 3);
    a.cast(
        new Do(
            (self, t) -> {
              t.timers.cancel("rate");
              t.timers.cancel("delay");
              log.add("keys:" + t.timers.activeKeys());
            }));
    Await.until("cancelled", () -> log.contains("keys:[]"));
    clock.advance(Duration.ofSeconds(10));
    a.cast("end");
    Await.until("end", () -> log.contains("end"));
    assertEquals(3, log.stream().filter("rate"::equals).count());
    assertEquals(3, log.stream().filter("delay"::equals).count());
  }

  @Test
  void timersEndWithTheActor() {
    ActorRef<Object> a = node.spawn(actor(), null);
    a.cast(new Do((self, t) -> t.timers.startFixedRate("r", SECOND, "r")));
    Await.until("armed", () -> ((LocalActorRef<?>) a).cell().armedTimers() == 1);
    assertTrue(a.stopAndWait("bye", SECOND.multipliedBy(10)));
    assertEquals(0, ((LocalActorRef<?>) a).cell().armedTimers());
    assertEquals(0, clock.pending());
  }

  @Test
  void receiveTimeoutComesAfterAnIdlePeriodOnly() {
    String idle = new String("idle");
    ActorRef<Object> a = node.spawn(actor(), null);
    a.cast("open");
    a.cast(new Do((self, t) -> t.idle = ReceiveTimeout.start(self, Duration.ofMinutes(1), idle)));
    Await.until("armed", () -> clock.pending() == 1);
    clock.advance(Duration.ofSeconds(30));
    a.cast("busy");
    Await.until("busy", () -> log.contains("busy"));
    clock.advance(Duration.ofSeconds(30)); // the first firing finds activity 30 s ago
    Await.until("stale timeout", () -> log.contains("stale:idle"));
    Await.until("re-armed", () -> clock.pending() == 1);
    clock.advance(Duration.ofSeconds(29));
    assertFalse(log.contains("idle"));
    clock.advance(Duration.ofSeconds(1));
    Await.until("timed out", () -> log.contains("idle"));
    assertEquals(List.of("open", "busy", "stale:idle", "idle"), logged());
  }

  // ------------------------------------------------------------------ state machine

  sealed interface Door {
    record Locked() implements Door {}

    record Open() implements Door {}
  }

  /** Unlock opens for 10 s; "pass" must wait for an open door; "lock" in Open stays. */
  final class DoorMachine extends StateMachine<String, Door, Void> {
    @Override
    protected Door initialState(ActorRef<String> self, Void a) {
      return new Door.Locked();
    }

    @Override
    protected Transition<Door> onEnter(ActorRef<String> self, Door state) {
      log.add("enter:" + state.getClass().getSimpleName());
      return Transition.stay();
    }

    @Override
    protected Transition<Door> onMessage(ActorRef<String> self, Door state, String m) {
      return switch (state) {
        case Door.Locked l ->
            switch (m) {
              case "unlock" -> Transition.next(new Door.Open(), Duration.ofSeconds(10));
              case "relock" ->
                  Transition.next(new Door.Locked()); // same state: postponed ones wait
              case "stop" -> Transition.stop("asked");
              default -> Transition.postpone();
            };
        case Door.Open o -> {
          if (m.equals("lock")) {
            yield Transition.next(new Door.Locked());
          }
          log.add("open:" + m);
          yield Transition.stay();
        }
      };
    }

    @Override
    protected Transition<Door> onStateTimeout(ActorRef<String> self, Door state) {
      log.add("timeout");
      return Transition.next(new Door.Locked());
    }

    @Override
    protected int postponeLimit() {
      return 2;
    }
  }

  @Test
  void postponedMessagesWaitForAStateChangeThenComeFirst() {
    ActorRef<String> door = node.spawn(new DoorMachine(), null);
    door.cast("pass1");
    door.cast("pass2");
    door.cast("relock");
    door.cast("unlock");
    door.cast("pass3");
    awaitLog("enter:Locked", "enter:Open", "open:pass1", "open:pass2", "open:pass3");
    Await.until("state timeout armed", () -> clock.pending() == 1);
    clock.advance(Duration.ofSeconds(10));
    Await.until(
        "relocked",
        () ->
            log.contains("enter:Locked")
                && log.stream().filter("enter:Locked"::equals).count() == 2);
    assertTrue(log.contains("timeout"));
  }

  @Test
  void aStateChangeCancelsTheStateTimeout() {
    ActorRef<String> door = node.spawn(new DoorMachine(), null);
    door.cast("unlock");
    Await.until("state timeout armed", () -> clock.pending() == 1);
    door.cast("lock"); // leaves Open before its timeout
    Await.until("locked again", () -> log.stream().filter("enter:Locked"::equals).count() == 2);
    Await.until("timeout cancelled", () -> clock.pending() == 0);
    clock.advance(Duration.ofSeconds(10));
    door.cast("unlock");
    door.cast("hello");
    Await.until("open again", () -> log.contains("open:hello"));
    assertFalse(log.contains("timeout"));
    clock.advance(Duration.ofSeconds(10));
    Await.until("this timeout fires", () -> log.contains("timeout"));
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aStateMachinesRefChecksTheMessageTypeAtTheSender() {
    ActorRef<String> door = node.spawn(new DoorMachine(), null);
    ActorRef<String> inPlace =
        node.spawn(
            io.troupe.supervision.InPlace.restarting(
                new DoorMachine(),
                io.troupe.supervision.RestartIntensity.of(5, Duration.ofMinutes(1)),
                io.troupe.supervision.Backoff.none()),
            null);
    for (ActorRef<String> machine : List.of(door, inPlace)) {
      assertEquals(java.util.Optional.of(String.class), machine.messageType());
      ActorRef raw = machine;
      assertThrows(MessagingException.class, () -> raw.cast(42));
      machine.cast("unlock"); // the state timeout is the machine's own message: still accepted
    }
    Await.until("both open, timeouts armed", () -> clock.pending() == 2);
    clock.advance(Duration.ofSeconds(10));
    Await.until("both timed out", () -> log.stream().filter("timeout"::equals).count() == 2);
    assertEquals(4, log.stream().filter("enter:Locked"::equals).count(), "no restart, no failure");
  }

  @Test
  void postponingPastTheLimitFailsTheMachine() {
    ActorRef<String> door = node.spawn(new DoorMachine(), null);
    door.cast("a");
    door.cast("b");
    door.cast("c");
    assertTrue(door.awaitExit(Duration.ofSeconds(10)));
  }
}
