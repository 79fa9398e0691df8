package io.troupe.integration.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.annotation.ClusterMessage;
import io.troupe.cluster.NodeConfig;
import io.troupe.rpc.CallFailedException;
import io.troupe.rpc.CallFailure;
import io.troupe.rpc.CallTimeoutException;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A key-value store and its client on two nodes, through the generated facade and codec: empty and
 * null answers arrive as they would locally, and every failure says why.
 */
public class RemoteAnswersTest {

  @ClusterMessage
  public sealed interface KvMsg {
    record Get(String key, RpcReplyPort<Optional<String>> reply) implements KvMsg {}

    record Lookup(String key, RpcReplyPort<String> reply) implements KvMsg {}

    record Keys(RpcReplyPort<List<String>> reply) implements KvMsg {}

    record Crash(RpcReplyPort<String> reply) implements KvMsg {}

    record Hang(RpcReplyPort<String> reply) implements KvMsg {}
  }

  /** Holds {@code a=1}; {@code Keys} answers a list holding a null, which cannot be encoded. */
  public static final class Kv implements Actor<KvMsg, Map<String, String>, Void> {
    @Override
    public Map<String, String> preStart(ActorRef<KvMsg> self, Void args) {
      return Map.of("a", "1");
    }

    @Override
    public Map<String, String> handle(
        ActorRef<KvMsg> self, KvMsg message, Map<String, String> store) {
      switch (message) {
        case KvMsg.Get g -> g.reply().send(Optional.ofNullable(store.get(g.key())));
        case KvMsg.Lookup l -> l.reply().send(store.get(l.key()));
        case KvMsg.Keys k -> k.reply().send(Arrays.asList("a", null));
        case KvMsg.Crash c -> throw new IllegalStateException("disk full");
        case KvMsg.Hang h -> {}
      }
      return store;
    }
  }

  @RegisterExtension final LocalNodes cluster = new LocalNodes(NodeConfig.generateCookie());

  private KvMsgRef remoteKv() {
    Node server = cluster.node("server");
    Node client = cluster.node("client");
    server.spawn("kv", new Kv(), null);
    client.cluster().connect("127.0.0.1", server.cluster().listen("127.0.0.1", 0).getPort());
    return KvMsgRef.from(client.registry().whereIs("kv").orElseThrow());
  }

  @Test
  void emptyOptionalAndNullAnswersArriveAsLocally() {
    KvMsgRef kv = remoteKv();
    Duration t = Duration.ofSeconds(10);
    assertEquals(Optional.of("1"), kv.get("a", t));
    assertEquals(Optional.empty(), kv.get("missing", t));
    assertEquals("1", kv.lookup("a", t));
    assertNull(kv.lookup("missing", t));
  }

  @Test
  void anAnswerThatCannotBeEncodedFailsTheCallSayingWhy() {
    KvMsgRef kv = remoteKv();
    CallFailedException e =
        assertThrows(CallFailedException.class, () -> kv.keys(Duration.ofSeconds(10)));
    assertEquals(CallFailure.ANSWER_NOT_ENCODABLE, e.reason());
    assertTrue(
        e.getMessage().contains("Keys") && e.getMessage().contains("could not be encoded"),
        e.getMessage());
  }

  @Test
  void aRemoteFailureNamesTheError() {
    KvMsgRef kv = remoteKv();
    CallFailedException e =
        assertThrows(CallFailedException.class, () -> kv.crash(Duration.ofSeconds(10)));
    assertEquals(CallFailure.ACTOR_FAILED, e.reason());
    assertTrue(e.getMessage().contains("IllegalStateException: disk full"), e.getMessage());
  }

  @Test
  void aRemoteTimeoutNamesTheCall() {
    KvMsgRef kv = remoteKv();
    CallTimeoutException e =
        assertThrows(CallTimeoutException.class, () -> kv.hang(Duration.ofMillis(200)));
    assertEquals(Optional.of("Hang"), e.variant());
    assertEquals(Optional.of(Duration.ofMillis(200)), e.timeout());
  }

  @Test
  void theSenderErrorOfARemoteCallCarriesTheReason() {
    KvMsgRef kv = remoteKv();
    var result = kv.ref().call(KvMsg.Crash::new, Duration.ofSeconds(10));
    var error = assertInstanceOf(io.troupe.rpc.CallResult.SenderError.class, result);
    assertEquals(CallFailure.ACTOR_FAILED, error.reason());
  }
}
