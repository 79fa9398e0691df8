package io.troupe.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RpcTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final Node node = Node.create("rpc");

  @AfterEach
  void close() {
    node.close();
  }

  sealed interface Msg {
    record Echo(String text, RpcReplyPort<String> reply) implements Msg {}

    record Ignore(RpcReplyPort<String> reply) implements Msg {}

    record Block(CountDownLatch entered, RpcReplyPort<String> reply) implements Msg {}

    record Keep(RpcReplyPort<String> reply) implements Msg {}
  }

  private final AtomicReference<RpcReplyPort<String>> kept = new AtomicReference<>();

  private ActorRef<Msg> server() {
    return node.spawn(
        Behaviours.<Msg>handling(
            (self, m) -> {
              switch (m) {
                case Msg.Echo e -> e.reply().send(e.text());
                case Msg.Ignore i -> {}
                case Msg.Block b -> {
                  b.entered().countDown();
                  Thread.sleep(60_000);
                }
                case Msg.Keep k -> kept.set(k.reply());
              }
            }),
        null);
  }

  @Test
  void callReturnsTheAnswer() {
    ActorRef<Msg> s = server();
    assertEquals(new CallResult.Success<>("hi"), s.<String>call(p -> new Msg.Echo("hi", p), WAIT));
    assertEquals("hi", s.<String>call(p -> new Msg.Echo("hi", p), WAIT).orThrow());
  }

  @Test
  void callTimesOutAndALateAnswerIsDropped() {
    ActorRef<Msg> s = server();
    CallResult<String> r = s.call(Msg.Keep::new, Duration.ofMillis(50));
    assertInstanceOf(CallResult.Timeout.class, r);
    assertThrows(CallTimeoutException.class, r::orThrow);
    Await.until("port kept", () -> kept.get() != null);
    assertTrue(kept.get().isClosed());
    assertFalse(kept.get().send("too late"));
  }

  @Test
  void pendingCallFailsAtOnceWhenTheTargetStops() throws Exception {
    ActorRef<Msg> s = server();
    CompletableFuture<CallResult<String>> f =
        s.<String>callAsync(Msg.Ignore::new, Duration.ofMinutes(1));
    CompletableFuture<CallResult<String>> queued =
        s.<String>callAsync(Msg.Ignore::new, Duration.ofMinutes(1));
    s.stop();
    assertInstanceOf(CallResult.SenderError.class, f.get(5, TimeUnit.SECONDS));
    assertInstanceOf(CallResult.SenderError.class, queued.get(5, TimeUnit.SECONDS));
    assertThrows(CallFailedException.class, () -> f.join().orThrow());
  }

  @Test
  void callFailsAtOnceWhenTheTargetIsKilledWhileHandlingIt() throws Exception {
    ActorRef<Msg> s = server();
    CountDownLatch entered = new CountDownLatch(1);
    CompletableFuture<CallResult<String>> f =
        s.<String>callAsync(p -> new Msg.Block(entered, p), Duration.ofMinutes(1));
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    s.kill();
    assertInstanceOf(CallResult.SenderError.class, f.get(5, TimeUnit.SECONDS));
  }

  @Test
  void blockingCallReturnsSenderErrorWhenTheTargetStopsHoldingThePort() {
    ActorRef<Msg> s = server();
    Thread.ofVirtual()
        .start(
            () -> {
              Await.until("call received", () -> kept.get() != null);
              s.stop("going away");
            });
    CallResult<String> r = s.call(Msg.Keep::new, Duration.ofSeconds(30));
    assertInstanceOf(CallResult.SenderError.class, r);
  }

  @Test
  void callToAStoppedActorThrowsMessagingException() {
    ActorRef<Msg> s = server();
    assertTrue(s.stopAndWait(null, WAIT));
    assertThrows(MessagingException.class, () -> s.<String>call(p -> new Msg.Echo("x", p), WAIT));
    assertThrows(
        MessagingException.class, () -> s.<String>callAsync(p -> new Msg.Echo("x", p), WAIT));
  }

  @Test
  void callAndForwardSendsTheMappedAnswer() {
    ActorRef<Msg> s = server();
    List<Integer> got = new CopyOnWriteArrayList<>();
    ActorRef<Integer> sink =
        node.spawn(Behaviours.<Integer>handling((self, m) -> got.add(m)), null);
    s.<String, Integer>callAndForward(p -> new Msg.Echo("four", p), sink, String::length, WAIT);
    Await.until("forwarded", () -> got.equals(List.of(4)));
  }

  @Test
  void callAndForwardSendsNothingOnTimeout() {
    ActorRef<Msg> s = server();
    List<Integer> got = new CopyOnWriteArrayList<>();
    ActorRef<Integer> sink =
        node.spawn(Behaviours.<Integer>handling((self, m) -> got.add(m)), null);
    s.callAndForward(Msg.Ignore::new, sink, String::length, Duration.ofMillis(20));
    s.<String, Integer>callAndForward(p -> new Msg.Echo("ok", p), sink, String::length, WAIT);
    Await.until("the second forward arrived", () -> got.equals(List.of(2)));
  }

  @Test
  void multiCallReturnsOneResultPerTargetInOrder() {
    ActorRef<Msg> a = server();
    ActorRef<Msg> b = server();
    ActorRef<Msg> dead = server();
    assertTrue(dead.stopAndWait(null, WAIT));
    List<CallResult<String>> results =
        Rpc.<Msg, String>multiCall(List.of(a, dead, b), p -> new Msg.Echo("x", p), WAIT);
    assertEquals(3, results.size());
    assertEquals(new CallResult.Success<>("x"), results.get(0));
    assertInstanceOf(CallResult.SenderError.class, results.get(1));
    assertEquals(new CallResult.Success<>("x"), results.get(2));
  }

  @Test
  void multiCallMixesTimeoutsAndAnswers() {
    ActorRef<Msg> fast = server();
    ActorRef<Msg> mute = node.spawn(Behaviours.<Msg>idle(), null);
    List<CallResult<String>> results =
        Rpc.<Msg, String>multiCall(
            List.of(fast, mute), p -> new Msg.Echo("y", p), Duration.ofMillis(200));
    assertEquals(new CallResult.Success<>("y"), results.get(0));
    assertInstanceOf(CallResult.Timeout.class, results.get(1));
  }
}
