package io.troupe.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Local calls that end without an answer say why: the actor failed (with what), stopped, or timed
 * out (which call, how long).
 */
class CallReasonsTest {
  private final Node node = Node.create("reasons");

  @AfterEach
  void close() {
    node.close();
  }

  sealed interface Msg {
    record Explode(RpcReplyPort<String> reply) implements Msg {}

    record Ignore(RpcReplyPort<String> reply) implements Msg {}
  }

  private ActorRef<Msg> server() {
    return node.spawn(
        "server",
        Behaviours.<Msg>handling(
            (self, m) -> {
              if (m instanceof Msg.Explode) {
                throw new IllegalArgumentException("no such account");
              }
            }),
        null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCallWhoseActorFailsNamesTheError() {
    CallResult<String> result = server().call(Msg.Explode::new, Duration.ofSeconds(10));
    CallResult.SenderError<String> error = assertInstanceOf(CallResult.SenderError.class, result);
    assertEquals(CallFailure.ACTOR_FAILED, error.reason());
    assertTrue(
        error.detail().contains("IllegalArgumentException: no such account"), error.detail());
    CallFailedException thrown = assertThrows(CallFailedException.class, result::orThrow);
    assertEquals(CallFailure.ACTOR_FAILED, thrown.reason());
    assertTrue(thrown.getMessage().contains("no such account"), thrown.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCallWhoseActorStopsSaysSoWithTheReason() throws Exception {
    ActorRef<Msg> server = server();
    CompletableFuture<CallResult<String>> pending =
        server.callAsync(Msg.Ignore::new, Duration.ofSeconds(30));
    server.stop("shutting down");
    CallResult.SenderError<String> error =
        assertInstanceOf(CallResult.SenderError.class, pending.get(10, TimeUnit.SECONDS));
    assertEquals(CallFailure.ACTOR_STOPPED, error.reason());
    assertTrue(error.detail().contains("shutting down"), error.detail());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTimeoutNamesTheActorTheVariantAndTheTimeout() throws Exception {
    ActorRef<Msg> server = server();
    CallResult<String> blocking = server.call(Msg.Ignore::new, Duration.ofMillis(50));
    CallResult<String> async =
        server.callAsync(Msg.Ignore::new, Duration.ofMillis(50)).get(10, TimeUnit.SECONDS);
    for (CallResult<String> result : java.util.List.of(blocking, async)) {
      CallResult.Timeout<String> timeout = assertInstanceOf(CallResult.Timeout.class, result);
      assertEquals("Ignore", timeout.variant());
      assertEquals(Duration.ofMillis(50), timeout.timeout());
      CallTimeoutException thrown = assertThrows(CallTimeoutException.class, result::orThrow);
      assertTrue(
          thrown.getMessage().contains("Ignore")
              && thrown.getMessage().contains("server")
              && thrown.getMessage().contains("PT0.05S"),
          thrown.getMessage());
      assertEquals("Ignore", thrown.variant().orElseThrow());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void resultsMadeWithoutDetailsStillRead() {
    assertEquals(CallFailure.ACTOR_STOPPED, new CallResult.SenderError<String>().reason());
    assertEquals(
        "the call timed out before the actor answered",
        new CallResult.Timeout<String>().describe());
  }
}
