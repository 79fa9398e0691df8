package io.troupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.rpc.CallResult;
import io.troupe.rpc.Rpc;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every entry point of {@link ActorRef} refuses a bad argument before it sends or schedules
 * anything: the exception names the parameter, and the actor receives nothing.
 */
class ArgumentChecksTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration NEGATIVE = Duration.ofMillis(-1);
  private final Node node = Node.create("argument-checks");
  private final List<Object> received = new CopyOnWriteArrayList<>();

  /** A request: answered with its text. */
  record Ask(String text, RpcReplyPort<String> reply) {}

  @AfterEach
  void close() {
    node.close();
  }

  private ActorRef<Object> recorder() {
    ActorRef<Object> ref =
        node.spawn(
            Behaviours.<Object>handling(
                (self, m) -> {
                  received.add(m instanceof Ask a ? "ask:" + a.text() : m);
                  if (m instanceof Ask a) {
                    a.reply().send(a.text());
                  }
                }),
            null);
    Await.until("running", () -> ref.status() == ActorStatus.RUNNING);
    return ref;
  }

  /** Asserts that {@code action} throws {@code type} naming {@code parameter}. */
  private static void refused(
      Class<? extends RuntimeException> type, String parameter, Executable action) {
    RuntimeException e = assertThrows(type, action);
    assertTrue(
        e.getMessage() != null && e.getMessage().contains(parameter),
        "names " + parameter + ": " + e.getMessage());
  }

  /** Sends a last message the normal way and asserts it is the only one the actor got. */
  private void onlyTheLastArrives(ActorRef<Object> ref) {
    onlyTheLastArrivesAfter(ref, List.of());
  }

  private static Function<RpcReplyPort<String>, Object> ask(String text) {
    return port -> new Ask(text, port);
  }

  @Test
  void castRefusesNullOnLocalAndDerivedRefs() {
    ActorRef<Object> ref = recorder();
    refused(NullPointerException.class, "message", () -> ref.cast(null));
    // The adapter would make a message of null: the derived ref refuses it first.
    ActorRef<String> derived = ref.contramap(s -> "adapted:" + s);
    refused(NullPointerException.class, "message", () -> derived.cast(null));
    onlyTheLastArrives(ref);
  }

  @Test
  void callRefusesANullRequestOrABadTimeoutBeforeDelivering() {
    ActorRef<Object> ref = recorder();
    refused(NullPointerException.class, "request", () -> ref.call(null, SECOND));
    refused(NullPointerException.class, "timeout", () -> ref.call(ask("null timeout"), null));
    refused(IllegalArgumentException.class, "timeout", () -> ref.call(ask("negative"), NEGATIVE));
    refused(
        NullPointerException.class,
        "request function returned null",
        () -> ref.call(port -> null, SECOND));
    ActorRef<String> derived = ref.contramap(s -> s);
    refused(NullPointerException.class, "timeout", () -> derived.call(port -> "x", null));
    onlyTheLastArrives(ref);
  }

  @Test
  void callAsyncRefusesANullRequestOrABadTimeoutBeforeDelivering() {
    ActorRef<Object> ref = recorder();
    refused(NullPointerException.class, "request", () -> ref.callAsync(null, SECOND));
    refused(NullPointerException.class, "timeout", () -> ref.callAsync(ask("null timeout"), null));
    refused(
        IllegalArgumentException.class, "timeout", () -> ref.callAsync(ask("negative"), NEGATIVE));
    onlyTheLastArrives(ref);
  }

  @Test
  void callAndForwardRefusesEachBadArgumentBeforeDelivering() {
    ActorRef<Object> ref = recorder();
    ActorRef<Object> sink = recorder();
    Function<String, Object> mapper = s -> "forwarded:" + s;
    refused(
        NullPointerException.class,
        "request",
        () -> ref.callAndForward(null, sink, mapper, SECOND));
    refused(
        NullPointerException.class,
        "forwardTo",
        () -> ref.callAndForward(ask("a"), null, mapper, SECOND));
    refused(
        NullPointerException.class,
        "mapper",
        () -> ref.<String, Object>callAndForward(ask("b"), sink, null, SECOND));
    refused(
        NullPointerException.class,
        "timeout",
        () -> ref.callAndForward(ask("c"), sink, mapper, null));
    refused(
        IllegalArgumentException.class,
        "timeout",
        () -> ref.callAndForward(ask("d"), sink, mapper, NEGATIVE));
    onlyTheLastArrives(ref); // both actors record into one list: neither got anything else
  }

  @Test
  void timersRefuseBadDelaysPeriodsAndSuppliersBeforeScheduling() {
    ActorRef<Object> ref = recorder();
    ActorRef<String> derived = ref.contramap(s -> "derived:" + s);
    refused(NullPointerException.class, "delay", () -> ref.sendAfter(null, () -> "null delay"));
    refused(
        IllegalArgumentException.class,
        "delay",
        () -> ref.sendAfter(NEGATIVE, () -> "negative delay"));
    refused(NullPointerException.class, "message", () -> ref.sendAfter(Duration.ZERO, null));
    refused(
        NullPointerException.class, "period", () -> ref.sendInterval(null, () -> "null period"));
    refused(
        IllegalArgumentException.class,
        "period",
        () -> ref.sendInterval(Duration.ZERO, () -> "zero period"));
    refused(NullPointerException.class, "message", () -> ref.sendInterval(SECOND, null));
    refused(
        IllegalArgumentException.class,
        "delay",
        () -> derived.sendAfter(NEGATIVE, () -> "negative"));
    refused(NullPointerException.class, "message", () -> derived.sendInterval(SECOND, null));
    refused(IllegalArgumentException.class, "delay", () -> ref.exitAfter(NEGATIVE));
    refused(NullPointerException.class, "delay", () -> ref.killAfter(null));
    // A timer that was scheduled fires after a bad one would have: the order proves none was.
    ref.sendAfter(Duration.ofMillis(50), () -> "timer");
    Await.until("timer", () -> received.contains("timer"));
    onlyTheLastArrivesAfter(ref, List.of("timer"));
    assertEquals(ActorStatus.RUNNING, ref.status(), "no exit or kill timer was set");
  }

  /** Like {@link #onlyTheLastArrives}, after the messages {@code before}. */
  private void onlyTheLastArrivesAfter(ActorRef<Object> ref, List<Object> before) {
    ref.cast("last");
    Await.until("last arrives", () -> received.contains("last"));
    List<Object> expected = new ArrayList<>(before);
    expected.add("last");
    assertEquals(expected, received);
  }

  @Test
  void waitsRefuseABadTimeoutBeforeActing() {
    ActorRef<Object> ref = recorder();
    refused(NullPointerException.class, "timeout", () -> ref.stopAndWait("r", null));
    refused(IllegalArgumentException.class, "timeout", () -> ref.killAndWait(NEGATIVE));
    refused(NullPointerException.class, "timeout", () -> ref.drainAndWait(null));
    refused(
        IllegalArgumentException.class, "timeout", () -> ref.stopChildrenAndWait("r", NEGATIVE));
    refused(NullPointerException.class, "timeout", () -> ref.drainChildrenAndWait(null));
    refused(IllegalArgumentException.class, "timeout", () -> ref.awaitExit(NEGATIVE));
    assertEquals(ActorStatus.RUNNING, ref.status(), "neither stopped, killed nor drained");
    onlyTheLastArrives(ref);
  }

  @Test
  void supervisionAndDerivedRefsRefuseNullRefsAndAdapters() {
    ActorRef<Object> ref = recorder();
    refused(NullPointerException.class, "supervisor", () -> ref.link(null));
    refused(NullPointerException.class, "supervisor", () -> ref.unlink(null));
    refused(NullPointerException.class, "target", () -> ref.monitor(null));
    refused(NullPointerException.class, "target", () -> ref.demonitor(null));
    refused(NullPointerException.class, "adapter", () -> ref.contramap(null));
    refused(NullPointerException.class, "adapter", () -> ref.contramap(s -> s).contramap(null));
    onlyTheLastArrives(ref);
  }

  @Test
  void multiCallChecksEveryArgumentBeforeCallingAnyTarget() {
    ActorRef<Object> first = recorder();
    ActorRef<Object> second = recorder();
    refused(NullPointerException.class, "targets", () -> Rpc.multiCall(null, ask("x"), SECOND));
    refused(
        NullPointerException.class,
        "targets[1]",
        () -> Rpc.multiCall(Arrays.asList(first, null), ask("y"), SECOND));
    refused(
        NullPointerException.class,
        "request",
        () -> Rpc.<Object, String>multiCall(List.of(first, second), null, SECOND));
    refused(
        IllegalArgumentException.class,
        "timeout",
        () -> Rpc.multiCall(List.of(first, second), ask("z"), NEGATIVE));
    List<CallResult<String>> results = Rpc.multiCall(List.of(first), ask("fine"), SECOND);
    assertEquals(List.of(new CallResult.Success<>("fine")), results);
    assertEquals(List.of("ask:fine"), received, "no target was called with the bad arguments");
  }
}
