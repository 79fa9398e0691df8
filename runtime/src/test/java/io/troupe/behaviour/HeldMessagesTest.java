package io.troupe.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.DeadLetter;
import io.troupe.DeadLetters;
import io.troupe.Node;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.Backoff;
import io.troupe.supervision.InPlace;
import io.troupe.supervision.RestartIntensity;
import io.troupe.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages a stash or a state machine holds when the actor ends become dead letters; a restart in
 * place hands them to the new incarnation.
 */
class HeldMessagesTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final int STASHED = 40;

  final Node node = Node.create("held");
  final Queue<DeadLetter> dead = new ConcurrentLinkedQueue<>();
  final DeadLetters.Subscription subscription = node.deadLetters().subscribe(dead::add);
  final Queue<String> log = new ConcurrentLinkedQueue<>();

  @AfterEach
  void close() {
    subscription.close();
    node.close();
  }

  sealed interface Msg {}

  /** Stashed until "open"; logged once open. */
  record Text(String text) implements Msg {}

  record Open() implements Msg {}

  record Fail() implements Msg {}

  record StopSelf() implements Msg {}

  /** Blocks the handler until {@code open} opens, after counting {@code entered} down. */
  record Hold(CountDownLatch entered, CountDownLatch open) implements Msg {
    Hold() {
      this(new CountDownLatch(1), new CountDownLatch(1));
    }
  }

  /** Stashed like a text while closed; answers the incarnation once open. */
  record Ask(RpcReplyPort<Integer> reply) implements Msg {}

  /** Answers how many messages are stashed (never stashed). */
  record Size(RpcReplyPort<Integer> reply) implements Msg {}

  static final class State {
    final Stash<Msg> stash;
    final int incarnation;
    boolean open;

    State(Stash<Msg> stash, int incarnation) {
      this.stash = stash;
      this.incarnation = incarnation;
    }
  }

  final class Stasher implements Actor<Msg, State, Void> {
    int incarnations;

    @Override
    public State preStart(ActorRef<Msg> self, Void a) {
      return new State(Stash.of(self, 1_000), ++incarnations);
    }

    @Override
    public State handle(ActorRef<Msg> self, Msg m, State s) throws Exception {
      switch (m) {
        case Open o -> {
          s.open = true;
          return s.stash.unstashAll(s, (msg, st) -> handle(self, msg, st));
        }
        case Fail f -> throw new IllegalStateException("asked to fail");
        case StopSelf x -> self.stop("asked to");
        case Hold h -> {
          h.entered().countDown();
          h.open().await();
        }
        case Size q -> q.reply().send(s.stash.size());
        case Text t when s.open -> log.add(t.text());
        case Ask q when s.open -> q.reply().send(s.incarnation);
        case Text t -> s.stash.stash(t);
        case Ask q -> s.stash.stash(q);
      }
      return s;
    }
  }

  /** Stashes {@code STASHED} texts and one call; returns the call's answer. */
  CompletableFuture<CallResult<Integer>> stashSome(ActorRef<Msg> ref) {
    for (int i = 0; i < STASHED; i++) {
      ref.cast(new Text("t" + i));
    }
    CompletableFuture<CallResult<Integer>> asked = ref.callAsync(Ask::new, Duration.ofMinutes(5));
    assertEquals(STASHED + 1, ref.<Integer>call(Size::new, WAIT).orThrow());
    return asked;
  }

  List<Object> deadMessages(ActorRef<?> target, DeadLetter.Reason reason) {
    List<Object> out = new ArrayList<>();
    for (DeadLetter d : dead) {
      assertEquals(target, d.target());
      assertEquals(reason, d.reason(), "reason of " + d);
      out.add(d.message());
    }
    return out;
  }

  void assertStashedAreDead(
      ActorRef<Msg> ref,
      CompletableFuture<CallResult<Integer>> asked,
      DeadLetter.Reason reason,
      List<Msg> thenQueued)
      throws Exception {
    assertTrue(ref.awaitExit(WAIT));
    long start = System.nanoTime();
    assertInstanceOf(CallResult.SenderError.class, asked.get(10, TimeUnit.SECONDS));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8), "failed at once");
    Await.until("every dead letter", () -> dead.size() >= STASHED + 1 + thenQueued.size());
    List<Object> got = deadMessages(ref, reason);
    assertEquals(STASHED + 1 + thenQueued.size(), got.size(), "none lost, none twice");
    for (int i = 0; i < STASHED; i++) {
      assertEquals(new Text("t" + i), got.get(i), "stashed ones first, in order");
    }
    assertInstanceOf(Ask.class, got.get(STASHED));
    assertEquals(thenQueued, got.subList(STASHED + 1, got.size()), "then the mailbox's");
    assertEquals(got.size(), node.deadLetters().count());
  }

  @Test
  void stashedCastsBecomeDeadLettersWhenTheActorStops() throws Exception {
    ActorRef<Msg> ref = node.spawn(new Stasher(), null);
    CompletableFuture<CallResult<Integer>> asked = stashSome(ref);
    Hold hold = new Hold();
    ref.cast(hold);
    ref.cast(new Text("queued"));
    hold.entered().await();
    ref.stop("bye"); // after the running handler, before the queued text
    hold.open().countDown();
    assertStashedAreDead(ref, asked, DeadLetter.Reason.STOPPED, List.of(new Text("queued")));
  }

  @Test
  void stashedCastsBecomeDeadLettersWhenTheActorIsKilled() throws Exception {
    ActorRef<Msg> ref = node.spawn(new Stasher(), null);
    CompletableFuture<CallResult<Integer>> asked = stashSome(ref);
    Hold hold = new Hold(); // never opens: the kill interrupts it
    ref.cast(hold);
    ref.cast(new Text("queued"));
    hold.entered().await();
    ref.kill();
    assertStashedAreDead(ref, asked, DeadLetter.Reason.KILLED, List.of(new Text("queued")));
  }

  @Test
  void stashedCastsBecomeDeadLettersWhenTheActorFails() throws Exception {
    ActorRef<Msg> ref = node.spawn(new Stasher(), null);
    CompletableFuture<CallResult<Integer>> asked = stashSome(ref);
    Hold hold = new Hold(); // keeps the actor busy until both are queued
    ref.cast(hold);
    ref.cast(new Fail());
    ref.cast(new Text("queued"));
    hold.open().countDown();
    assertStashedAreDead(ref, asked, DeadLetter.Reason.FAILED, List.of(new Text("queued")));
  }

  @Test
  void whatADrainLeavesStashedBecomesDeadLetters() throws Exception {
    ActorRef<Msg> ref = node.spawn(new Stasher(), null);
    CompletableFuture<CallResult<Integer>> asked = stashSome(ref);
    ref.drain();
    assertStashedAreDead(ref, asked, DeadLetter.Reason.STOPPED, List.of());
  }

  @Test
  void aStashSurvivesARestartInPlace() throws Exception {
    Stasher stasher = new Stasher();
    ActorRef<Msg> ref =
        node.spawn(
            InPlace.restarting(
                stasher, RestartIntensity.of(5, Duration.ofMinutes(1)), Backoff.none()),
            null);
    CompletableFuture<CallResult<Integer>> asked = stashSome(ref);
    ref.cast(new Fail());
    // The new incarnation handles them first: still closed, it stashes them again, in order.
    assertEquals(STASHED + 1, ref.<Integer>call(Size::new, WAIT).orThrow());
    assertEquals(2, stasher.incarnations);
    ref.cast(new Open());
    assertEquals(2, asked.get(10, TimeUnit.SECONDS).orThrow(), "the call was answered, by #2");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < STASHED; i++) {
      expected.add("t" + i);
    }
    Await.until("all handled", () -> log.size() == STASHED);
    assertEquals(expected, new ArrayList<>(log));
    assertEquals(0, node.deadLetters().count());
  }

  @Test
  void whatARestartInPlaceCarriedOverBecomesDeadLettersWhenItGivesUp() throws Exception {
    ActorRef<Msg> ref =
        node.spawn(
            InPlace.restarting(
                new Stasher(), RestartIntensity.of(1, Duration.ofMinutes(1)), Backoff.none()),
            null);
    CompletableFuture<CallResult<Integer>> asked = stashSome(ref);
    ref.cast(new Fail()); // restarts: the stash carries over
    ref.cast(new Fail()); // past the intensity: the actor fails
    assertStashedAreDead(ref, asked, DeadLetter.Reason.FAILED, List.of());
  }

  @Test
  void noAcceptedCastIsLostWhateverEndsTheActorWhileCastsArrive() throws Exception {
    java.util.Random random = new java.util.Random(17);
    long accepted = 0;
    for (int round = 0; round < 300; round++) {
      ActorRef<Msg> ref = node.spawn(new Stasher(), null);
      int endAt = random.nextInt(60);
      int how = random.nextInt(3);
      Thread ender =
          Thread.ofVirtual()
              .unstarted(
                  () -> {
                    switch (how) {
                      case 0 -> ref.stop("round over");
                      case 1 -> ref.kill();
                      default -> {
                        try {
                          ref.cast(new Fail());
                        } catch (io.troupe.MessagingException ended) {
                          // cannot happen before the end; harmless after it
                        }
                      }
                    }
                  });
      for (int i = 0; i < 60; i++) {
        if (i == endAt) {
          ender.start();
        }
        try {
          ref.cast(new Text("r" + round + "-" + i));
          accepted++;
        } catch (io.troupe.MessagingException ended) {
          // refused at the sender: not accepted, so no dead letter is owed
        }
      }
      ender.join();
      ref.stop("round over"); // for a Fail that came last
      assertTrue(ref.awaitExit(WAIT));
    }
    long owed = accepted;
    Await.until("a dead letter for every accepted cast", () -> node.deadLetters().count() >= owed);
    long texts = dead.stream().filter(d -> d.message() instanceof Text).count();
    assertEquals(accepted, texts, "every accepted text became exactly one dead letter");
  }

  // ------------------------------------------------------------------ state machine

  sealed interface Door {
    record Locked() implements Door {}

    record Opened() implements Door {}
  }

  /** Texts wait (postponed) for an open door; Open opens it; Fail throws; StopSelf stops. */
  final class DoorMachine extends StateMachine<Msg, Door, Void> {
    @Override
    protected Door initialState(ActorRef<Msg> self, Void a) {
      return new Door.Locked();
    }

    @Override
    protected Transition<Door> onMessage(ActorRef<Msg> self, Door state, Msg m) throws Exception {
      return switch (m) {
        case Fail f -> throw new IllegalStateException("asked to fail");
        case StopSelf s -> Transition.stop("asked to");
        case Open o -> Transition.next(new Door.Opened());
        case Hold h -> {
          h.entered().countDown();
          h.open().await();
          yield Transition.stay();
        }
        case Size q -> {
          q.reply().send(-1);
          yield Transition.stay();
        }
        case Text t when state instanceof Door.Opened -> {
          log.add(t.text());
          yield Transition.stay();
        }
        case Ask q when state instanceof Door.Opened -> {
          q.reply().send(0);
          yield Transition.stay();
        }
        default -> Transition.postpone();
      };
    }
  }

  /** Postpones {@code STASHED} texts and one call; returns the call's answer. */
  CompletableFuture<CallResult<Integer>> postponeSome(ActorRef<Msg> door) {
    for (int i = 0; i < STASHED; i++) {
      door.cast(new Text("t" + i));
    }
    CompletableFuture<CallResult<Integer>> asked = door.callAsync(Ask::new, Duration.ofMinutes(5));
    door.<Integer>call(Size::new, WAIT).orThrow(); // everything before it was postponed
    return asked;
  }

  @Test
  void postponedMessagesBecomeDeadLettersWhenTheMachineStops() throws Exception {
    ActorRef<Msg> door = node.spawn(new DoorMachine(), null);
    CompletableFuture<CallResult<Integer>> asked = postponeSome(door);
    door.cast(new StopSelf());
    assertStashedAreDead(door, asked, DeadLetter.Reason.STOPPED, List.of());
  }

  @Test
  void postponedMessagesBecomeDeadLettersWhenTheMachineIsKilled() throws Exception {
    ActorRef<Msg> door = node.spawn(new DoorMachine(), null);
    CompletableFuture<CallResult<Integer>> asked = postponeSome(door);
    door.kill();
    assertStashedAreDead(door, asked, DeadLetter.Reason.KILLED, List.of());
  }

  @Test
  void postponedMessagesBecomeDeadLettersWhenTheMachineFails() throws Exception {
    ActorRef<Msg> door = node.spawn(new DoorMachine(), null);
    CompletableFuture<CallResult<Integer>> asked = postponeSome(door);
    door.cast(new Fail());
    assertStashedAreDead(door, asked, DeadLetter.Reason.FAILED, List.of());
  }

  @Test
  void postponedMessagesSurviveARestartInPlace() throws Exception {
    ActorRef<Msg> door =
        node.spawn(
            InPlace.restarting(
                new DoorMachine(), RestartIntensity.of(5, Duration.ofMinutes(1)), Backoff.none()),
            null);
    CompletableFuture<CallResult<Integer>> asked = postponeSome(door);
    door.cast(new Fail());
    door.cast(new Open());
    assertEquals(0, asked.get(10, TimeUnit.SECONDS).orThrow());
    Await.until("all handled", () -> log.size() == STASHED);
    for (int i = 0; i < STASHED; i++) {
      assertEquals("t" + i, new ArrayList<>(log).get(i));
    }
    assertEquals(0, node.deadLetters().count());
  }
}
