package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.annotation.ClusterMessage;
import io.troupe.codec.CodecException;
import io.troupe.codec.Codecs;
import io.troupe.codec.MessageCodec;
import io.troupe.generated.GeneratedCodecs;
import io.troupe.internal.cluster.proto.ActorCall;
import io.troupe.internal.cluster.proto.ActorCast;
import io.troupe.internal.cluster.proto.CastRejected;
import io.troupe.internal.cluster.proto.Failure;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.rpc.CallFailedException;
import io.troupe.rpc.CallFailure;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.CallTimeoutException;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.testing.Await;
import io.troupe.testing.LogCapture;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls and casts across nodes that cannot be carried out say why, to the caller and on the
 * caller's node: the typed reason of {@code SenderError}/{@code CallFailedException}, timeouts that
 * name what timed out, rejected casts reported back, a codec missing for a {@code @ClusterMessage}
 * type, and node names that must be unique.
 */
class HonestErrorsTest {
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  private Node node(String name) {
    Node n =
        Node.create(
            name,
            NodeConfig.builder()
                .cookie(RawPeer.COOKIE)
                .keepalive(Duration.ofMillis(200), Duration.ofSeconds(3))
                .build());
    nodes.add(n);
    return n;
  }

  /**
   * The messages of a node that knows fewer variants than its peers: its codec (below) decodes
   * {@code Known}, {@code Ask}, {@code Fail} and {@code Hoard}, not {@code Newer} or {@code
   * AskNewer}, as a node built from an older version of the interface would.
   */
  sealed interface Picky {
    record Known(int n) implements Picky {}

    record Newer() implements Picky {}

    record Ask(String answer, RpcReplyPort<String> reply) implements Picky {}

    record AskNewer(RpcReplyPort<String> reply) implements Picky {}

    record Fail(RpcReplyPort<String> reply) implements Picky {}

    record Hoard(RpcReplyPort<String> reply) implements Picky {}
  }

  /**
   * Found by {@code MessageCodec.forType(Picky.class)}; unknown names fail as generated codecs do.
   */
  static final class PickyCodec implements MessageCodec<Picky> {
    static {
      GeneratedCodecs.register(Picky.class, new PickyCodec()); // how MessageCodec.forType finds it
    }

    @Override
    public Class<Picky> messageType() {
      return Picky.class;
    }

    @Override
    public String variant(Picky message) {
      return message.getClass().getSimpleName();
    }

    @Override
    public boolean isCall(String variant) {
      return !variant.equals("Known") && !variant.equals("Newer");
    }

    @Override
    public byte[] encodeArgs(Picky message) {
      return switch (message) {
        case Picky.Known k -> Codecs.encode(Codecs.STRING, Integer.toString(k.n()));
        case Picky.Ask a ->
            a.answer() == null ? new byte[0] : Codecs.encode(Codecs.STRING, a.answer());
        default -> new byte[0];
      };
    }

    @Override
    @SuppressWarnings("unchecked")
    public Picky decode(String variant, byte[] args, RpcReplyPort<?> replyPort) {
      RpcReplyPort<String> port = (RpcReplyPort<String>) replyPort;
      return switch (variant) {
        case "Known" -> new Picky.Known(Integer.parseInt(Codecs.decode(Codecs.STRING, args)));
        case "Ask" ->
            new Picky.Ask(args.length == 0 ? null : Codecs.decode(Codecs.STRING, args), port);
        case "Fail" -> new Picky.Fail(port);
        case "Hoard" -> new Picky.Hoard(port);
        default -> throw CodecException.unknownVariant("Picky", variant);
      };
    }

    @Override
    public byte[] encodeReply(String variant, Object reply) {
      return Codecs.encode(Codecs.STRING, (String) reply);
    }

    @Override
    public Object decodeReply(String variant, byte[] bytes) {
      return Codecs.decode(Codecs.STRING, bytes);
    }
  }

  /**
   * Counts {@code Known} casts, answers {@code Ask} with its answer (null too), fails on {@code
   * Fail}, keeps {@code Hoard}.
   */
  static class PickyActor implements Actor<Picky, Void, Void> {
    final AtomicInteger known = new AtomicInteger();
    final List<RpcReplyPort<String>> hoarded = new CopyOnWriteArrayList<>();

    @Override
    public Void preStart(ActorRef<Picky> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<Picky> self, Picky message, Void state) {
      switch (message) {
        case Picky.Known k -> known.incrementAndGet();
        case Picky.Ask a -> a.reply().send(a.answer());
        case Picky.Fail f -> throw new IllegalStateException("the ledger is corrupt");
        case Picky.Hoard h -> hoarded.add(h.reply());
        default -> throw new AssertionError("cannot be decoded here: " + message);
      }
      return null;
    }
  }

  /**
   * Node {@code client} connected to {@code server}, which runs a {@link PickyActor} named "picky".
   */
  private record Pair(Node client, Node server, PickyActor actor, ActorRef<Picky> remote) {}

  @SuppressWarnings("unchecked")
  private Pair pair() {
    Node server = node("server");
    Node client = node("client");
    PickyActor actor = new PickyActor();
    server.spawn("picky", actor, null);
    client.cluster().connect("127.0.0.1", server.cluster().listen("127.0.0.1", 0).getPort());
    Await.until("the remote actor", () -> client.registry().whereIs("picky").isPresent());
    return new Pair(
        client, server, actor, (ActorRef<Picky>) client.registry().whereIs("picky").orElseThrow());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCastOfAnUnknownVariantIsReportedBackToTheSender() {
    Pair p = pair();
    try (LogCapture warnings = new LogCapture(io.troupe.Loggers.CLUSTER)) {
      p.remote().cast(new Picky.Newer());
      p.remote().cast(new Picky.Known(1)); // after it, on the same session: delivered
      Await.until(
          "the rejection counted on the sender's node",
          () -> p.client().cluster().rejectedCasts() == 1);
      Await.until("the known cast delivered", () -> p.actor().known.get() == 1);
      Await.until(
          "a warning on the sender's node",
          () -> warnings.contains("could not deliver cast \"Newer\""));
      assertTrue(warnings.contains("UNKNOWN_VARIANT"), warnings.text());
    }
    assertEquals(0, p.server().cluster().rejectedCasts());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCallOfAnUnknownVariantFailsSayingSo() {
    Pair p = pair();
    CallResult<String> result = p.remote().call(Picky.AskNewer::new, Duration.ofSeconds(10));
    CallResult.SenderError<String> error = assertInstanceOf(CallResult.SenderError.class, result);
    assertEquals(CallFailure.UNKNOWN_VARIANT, error.reason());
    assertTrue(error.detail().contains("AskNewer"), error.detail());
    CallFailedException thrown = assertThrows(CallFailedException.class, result::orThrow);
    assertEquals(CallFailure.UNKNOWN_VARIANT, thrown.reason());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aNullAnswerArrivesAsNullAsLocally() {
    Pair p = pair();
    CallResult<String> none =
        p.remote().call(port -> new Picky.Ask(null, port), Duration.ofSeconds(10));
    assertEquals(new CallResult.Success<String>(null), none);
    CallResult<String> yes =
        p.remote().call(port -> new Picky.Ask("yes", port), Duration.ofSeconds(10));
    assertEquals(new CallResult.Success<>("yes"), yes);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRemoteActorThatFailsBeforeAnsweringNamesTheError() {
    Pair p = pair();
    CallResult<String> result = p.remote().call(Picky.Fail::new, Duration.ofSeconds(10));
    CallResult.SenderError<String> error = assertInstanceOf(CallResult.SenderError.class, result);
    assertEquals(CallFailure.ACTOR_FAILED, error.reason());
    assertTrue(
        error.detail().contains("IllegalStateException")
            && error.detail().contains("the ledger is corrupt"),
        error.detail());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRemoteTimeoutNamesTheActorTheVariantAndTheTimeout() {
    Pair p = pair();
    CallResult<String> result = p.remote().call(Picky.Hoard::new, Duration.ofMillis(300));
    CallResult.Timeout<String> timeout = assertInstanceOf(CallResult.Timeout.class, result);
    assertEquals("Hoard", timeout.variant());
    assertEquals(Duration.ofMillis(300), timeout.timeout());
    CallTimeoutException thrown = assertThrows(CallTimeoutException.class, result::orThrow);
    assertTrue(
        thrown.getMessage().contains("Hoard")
            && thrown.getMessage().contains("PT0.3S")
            && thrown.getMessage().contains(p.remote().id().toString()),
        thrown.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void callsWaitingWhenTheNodeGoesFailAsDisconnected() throws Exception {
    Pair p = pair();
    CompletableFuture<CallResult<String>> pending =
        p.remote().callAsync(Picky.Hoard::new, Duration.ofSeconds(30));
    Await.until("the call is held there", () -> p.actor().hoarded.size() == 1);
    p.server().close();
    CallResult.SenderError<String> error =
        assertInstanceOf(CallResult.SenderError.class, pending.get(10, TimeUnit.SECONDS));
    assertEquals(CallFailure.NODE_DISCONNECTED, error.reason());
    assertTrue(error.detail().contains("\"server\""), error.detail());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCallToAnActorNotAdvertisedFailsSayingSo() throws Exception {
    Node server = node("server");
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket raw = new Socket("127.0.0.1", port)) {
      RawPeer.authenticate(raw, "raw", RawPeer.COOKIE);
      RawPeer.send(
          raw,
          NetworkMessage.newBuilder()
              .setCall(
                  ActorCall.newBuilder()
                      .setTarget(999)
                      .setVariant("Ask")
                      .setTag(5)
                      .setTimeoutMillis(1000))
              .build());
      NetworkMessage reply = RawPeer.readUntil(raw.getInputStream(), NetworkMessage.KindCase.REPLY);
      assertEquals(5, reply.getReply().getTag());
      assertEquals(Failure.TARGET_NOT_ADVERTISED, reply.getReply().getFailure());
      RawPeer.send(
          raw,
          NetworkMessage.newBuilder()
              .setCast(ActorCast.newBuilder().setTarget(999).setVariant("Known"))
              .build());
      CastRejected rejected =
          RawPeer.readUntil(raw.getInputStream(), NetworkMessage.KindCase.CAST_REJECTED)
              .getCastRejected();
      assertEquals(999, rejected.getTarget());
      assertEquals(Failure.TARGET_NOT_ADVERTISED, rejected.getFailure());
    }
  }

  /**
   * A {@code @ClusterMessage} interface compiled without the processor (runtime tests do not run
   * it): no codec.
   */
  @ClusterMessage
  sealed interface NoCodec {
    record Ping() implements NoCodec {}
  }

  static final class NoCodecActor implements Actor<NoCodec, Void, Void> {
    @Override
    public Void preStart(ActorRef<NoCodec> self, Void args) {
      self.node().groups().join("workers", List.of(self));
      return null;
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void advertisingAClusterMessageTypeWithoutItsCodecWarnsAboutTheProcessor() {
    Node server = node("server");
    try (LogCapture warnings = new LogCapture(io.troupe.Loggers.CLUSTER)) {
      server.spawn(new NoCodecActor(), null);
      Await.until(
          "the warning", () -> warnings.contains(NoCodec.class.getName() + "Codec is missing"));
      assertTrue(warnings.contains("annotation processor"), warnings.text());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSecondNodeOfANameAlreadyConnectedIsRefused() {
    Node first = node("a");
    Node b = node("b");
    Node second = node("a");
    int port = b.cluster().listen("127.0.0.1", 0).getPort();
    first.cluster().connect("127.0.0.1", port);
    ClusterException e =
        assertThrows(ClusterException.class, () -> second.cluster().connect("127.0.0.1", port));
    assertTrue(e.getMessage().contains("already connected"), e.getMessage());
    assertEquals(List.of(first.id()), b.cluster().peers().stream().map(PeerInfo::nodeId).toList());
    // The other way round: b connecting to the second "a" refuses it on its own side.
    int secondPort = second.cluster().listen("127.0.0.1", 0).getPort();
    ClusterException reverse =
        assertThrows(ClusterException.class, () -> b.cluster().connect("127.0.0.1", secondPort));
    assertTrue(reverse.getMessage().contains("already connected"), reverse.getMessage());
    assertEquals(List.of(first.id()), b.cluster().peers().stream().map(PeerInfo::nodeId).toList());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPeerWithThisNodesOwnNameIsRefused() {
    Node one = node("same");
    Node other = node("same");
    int port = one.cluster().listen("127.0.0.1", 0).getPort();
    ClusterException e =
        assertThrows(ClusterException.class, () -> other.cluster().connect("127.0.0.1", port));
    assertTrue(e.getMessage().contains("own name"), e.getMessage());
    assertEquals(List.of(), one.cluster().peers());
  }

  @Test
  @SuppressWarnings("unchecked")
  void disconnectingAPeerInfoClosesExactlyThatPeer() {
    Node a = node("a");
    Node b = node("b");
    PeerInfo peer = a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    a.cluster()
        .disconnect(
            new PeerInfo("b", peer.nodeId() + 1, null)); // another node of that name: nothing
    a.cluster()
        .disconnect(new PeerInfo("c", peer.nodeId(), null)); // that id under another name: nothing
    assertEquals(1, a.cluster().peers().size());
    a.cluster().disconnect(peer);
    Await.until(
        "the session closed on both sides",
        () -> a.cluster().peers().isEmpty() && b.cluster().peers().isEmpty());
  }
}
