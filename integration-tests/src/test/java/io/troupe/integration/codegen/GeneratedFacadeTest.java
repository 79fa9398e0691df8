package io.troupe.integration.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.annotation.ActorMessage;
import io.troupe.rpc.CallFailedException;
import io.troupe.rpc.CallTimeoutException;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.testkit.TestProbe;
import io.troupe.testkit.TroupeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Drives real actors through facades the processor generated while compiling this file: what a
 * user's build does. The golden-file tests in the processor module fix the facades' text; these fix
 * their behaviour.
 */
class GeneratedFacadeTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  /** A tally: casts, calls with the port first, in the middle, never answered, or never reached. */
  @ActorMessage
  sealed interface TallyMsg {
    record Add(int amount) implements TallyMsg {}

    record Total(RpcReplyPort<Integer> reply) implements TallyMsg {}

    record AddAndGet(int amount, RpcReplyPort<Integer> reply, String note) implements TallyMsg {}

    record Notes(RpcReplyPort<List<String>> reply) implements TallyMsg {}

    /** The actor keeps the port and never answers. */
    record Ignore(RpcReplyPort<Integer> reply) implements TallyMsg {}

    /** The actor stops before answering. */
    record Quit(RpcReplyPort<Integer> reply) implements TallyMsg {}

    enum Control implements TallyMsg {
      RESET
    }
  }

  /** A generic interface gets a generic facade. */
  @ActorMessage
  sealed interface Cell<T> {
    record Set<T>(T value) implements Cell<T> {}

    record Get<T>(RpcReplyPort<T> reply) implements Cell<T> {}
  }

  private record Tally(int total, List<String> notes, List<RpcReplyPort<Integer>> ignored) {}

  private static final class TallyActor implements Actor<TallyMsg, Tally, Void> {
    @Override
    public Tally preStart(ActorRef<TallyMsg> self, Void args) {
      return new Tally(0, new ArrayList<>(), new ArrayList<>());
    }

    @Override
    public Tally handle(ActorRef<TallyMsg> self, TallyMsg message, Tally tally) {
      return switch (message) {
        case TallyMsg.Add add ->
            new Tally(tally.total() + add.amount(), tally.notes(), tally.ignored());
        case TallyMsg.Total total -> {
          total.reply().send(tally.total());
          yield tally;
        }
        case TallyMsg.AddAndGet add -> {
          tally.notes().add(add.note());
          int sum = tally.total() + add.amount();
          add.reply().send(sum);
          yield new Tally(sum, tally.notes(), tally.ignored());
        }
        case TallyMsg.Notes notes -> {
          notes.reply().send(List.copyOf(tally.notes()));
          yield tally;
        }
        case TallyMsg.Ignore ignore -> {
          tally.ignored().add(ignore.reply());
          yield tally;
        }
        case TallyMsg.Quit quit -> {
          self.stop("asked to quit");
          yield tally;
        }
        case TallyMsg.Control.RESET -> new Tally(0, new ArrayList<>(), tally.ignored());
      };
    }
  }

  private static final class CellActor<T> implements Actor<Cell<T>, List<T>, T> {
    @Override
    public List<T> preStart(ActorRef<Cell<T>> self, T initial) {
      List<T> value = new ArrayList<>();
      value.add(initial);
      return value;
    }

    @Override
    public List<T> handle(ActorRef<Cell<T>> self, Cell<T> message, List<T> value) {
      switch (message) {
        case Cell.Set<T> set -> value.set(0, set.value());
        case Cell.Get<T> get -> get.reply().send(value.getFirst());
      }
      return value;
    }
  }

  /**
   * A node per test, closed after it; a test fails if an actor failed that it did not expect to.
   */
  @RegisterExtension final TroupeExtension troupe = TroupeExtension.create();

  private Node node;
  private TallyMsgRef tally;

  @BeforeEach
  void start() {
    node = troupe.node();
    tally = TallyMsgRef.of(node.spawn(new TallyActor(), null));
  }

  @Test
  void castsAreHandledInOrderBeforeALaterCall() {
    for (int i = 1; i <= 100; i++) {
      tally.add(i);
    }
    assertEquals(5050, tally.total(WAIT));
  }

  @Test
  void callWithThePortInTheMiddlePassesTheOtherComponentsInOrder() {
    assertEquals(3, tally.addAndGet(3, "first", WAIT));
    assertEquals(7, tally.addAndGet(4, "second", WAIT));
    assertEquals(List.of("first", "second"), tally.notes(WAIT));
  }

  @Test
  void enumConstantIsACast() {
    tally.add(10);
    tally.reset();
    assertEquals(0, tally.total(WAIT));
  }

  @Test
  void asyncCallCompletesWithTheAnswer() {
    tally.add(2);
    CompletableFuture<Integer> answer = tally.addAndGetAsync(5, "async", WAIT);
    assertEquals(7, answer.join());
  }

  @Test
  void callWithoutAnAnswerThrowsCallTimeoutException() {
    assertThrows(CallTimeoutException.class, () -> tally.ignore(Duration.ofMillis(50)));
  }

  @Test
  void asyncCallWithoutAnAnswerCompletesWithCallTimeoutException() {
    CompletionException failure =
        assertThrows(
            CompletionException.class, () -> tally.ignoreAsync(Duration.ofMillis(50)).join());
    assertInstanceOf(CallTimeoutException.class, failure.getCause());
  }

  @Test
  void callWhoseActorStopsBeforeAnsweringThrowsCallFailedException() {
    assertThrows(CallFailedException.class, () -> tally.quit(WAIT));
    assertTrue(tally.ref().awaitExit(WAIT));
  }

  @Test
  void asyncCallWhoseActorStopsBeforeAnsweringCompletesWithCallFailedException() {
    CompletionException failure =
        assertThrows(CompletionException.class, () -> tally.quitAsync(WAIT).join());
    assertInstanceOf(CallFailedException.class, failure.getCause());
  }

  @Test
  void castAndCallToAStoppedActorThrowMessagingException() {
    assertTrue(tally.ref().stopAndWait("done", WAIT));
    assertThrows(MessagingException.class, () -> tally.add(1));
    assertThrows(MessagingException.class, () -> tally.total(WAIT));
    assertThrows(MessagingException.class, () -> tally.totalAsync(WAIT));
  }

  @Test
  void killedActorFailsAPendingCall() {
    CompletableFuture<Integer> pending = tally.ignoreAsync(WAIT);
    assertTrue(tally.ref().killAndWait(WAIT));
    CompletionException failure = assertThrows(CompletionException.class, pending::join);
    assertInstanceOf(CallFailedException.class, failure.getCause());
  }

  @Test
  void genericFacadeSendsAndAnswersInItsTypeArgument() {
    CellRef<String> cell = CellRef.of(node.spawn(new CellActor<String>(), "empty"));
    assertEquals("empty", cell.get(WAIT));
    cell.set("full");
    assertEquals("full", cell.get(WAIT));
  }

  @Test
  void fromAcceptsARefOfTheSameMessageType() {
    ActorRef<?> unknown = tally.ref();
    TallyMsgRef again = TallyMsgRef.from(unknown);
    assertEquals(tally, again);
    assertEquals(tally.hashCode(), again.hashCode());
    again.add(4);
    assertEquals(4, tally.total(WAIT));
  }

  @Test
  void fromWrapsARefFoundInTheRegistry() {
    node.spawn("tally", new TallyActor(), null);
    TallyMsgRef found = TallyMsgRef.from(node.registry().whereIs("tally").orElseThrow());
    found.add(6);
    assertEquals(6, found.total(WAIT));
  }

  @Test
  void facadeOverADerivedRefSendsThroughItsAdapter() {
    TestProbe<String> log = troupe.probe();
    TallyMsgRef asTally = TallyMsgRef.of(log.ref().contramap(TallyMsg::toString));
    asTally.add(1);
    asTally.reset();
    log.expectMessage("Add[amount=1]");
    log.expectMessage("RESET");
  }

  @Test
  void fromRejectsARefOfAnotherMessageType() {
    ActorRef<?> cell = node.spawn(new CellActor<String>(), "x");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> TallyMsgRef.from(cell));
    assertTrue(error.getMessage().contains(TallyMsg.class.getName()), error.getMessage());
  }

  @Test
  void facadesAreEqualExactlyWhenTheirRefsAre() {
    TallyMsgRef other = TallyMsgRef.of(node.spawn(new TallyActor(), null));
    assertEquals(tally, TallyMsgRef.of(tally.ref()));
    assertNotEquals(tally, other);
    assertTrue(tally.toString().startsWith("TallyMsgRef["), tally.toString());
  }

  @Test
  void ofRejectsNull() {
    assertThrows(NullPointerException.class, () -> TallyMsgRef.of(null));
  }
}
