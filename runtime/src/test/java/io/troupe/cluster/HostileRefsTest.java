package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.codec.BytesCodec;
import io.troupe.codec.CodecException;
import io.troupe.codec.Codecs;
import io.troupe.codec.MessageCodec;
import io.troupe.codec.RecordCodec;
import io.troupe.codec.RefCodecs;
import io.troupe.generated.GeneratedCodecs;
import io.troupe.internal.cluster.proto.ActorCast;
import io.troupe.internal.cluster.proto.CastRejected;
import io.troupe.internal.cluster.proto.Failure;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.rpc.RpcReplyPort;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer cannot reach an actor of this node through a ref that was never sent to it: neither by
 * naming the actor's id as a target nor by putting a forged ref to it in a message. The actor is
 * exported to another peer all along, which can reach it.
 */
class HostileRefsTest {
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  private Node node(String name) {
    return node(name, config -> config);
  }

  private Node node(String name, java.util.function.UnaryOperator<NodeConfig.Builder> tweak) {
    Node n =
        Node.create(
            name,
            tweak
                .apply(
                    NodeConfig.builder()
                        .cookie(RawPeer.COOKIE)
                        .keepalive(Duration.ofMillis(200), Duration.ofSeconds(3)))
                .build());
    nodes.add(n);
    return n;
  }

  /** Messages that carry a ref (runtime tests have no processor: the codec is written below). */
  sealed interface Inbox {
    record Take(ActorRef<Inbox> ref) implements Inbox {}

    record Note(String text) implements Inbox {}
  }

  /** What a generated codec of {@link Inbox} would do, by hand. */
  static final class InboxCodec implements MessageCodec<Inbox> {
    static {
      GeneratedCodecs.register(Inbox.class, new InboxCodec());
    }

    @SuppressWarnings("unchecked")
    private static final BytesCodec<Inbox.Take> TAKE =
        RecordCodec.<Inbox.Take>builder(v -> new Inbox.Take((ActorRef<Inbox>) v[0]))
            .field(1, RefCodecs.actorRef(Inbox.class), Inbox.Take::ref)
            .build();

    @Override
    public Class<Inbox> messageType() {
      return Inbox.class;
    }

    @Override
    public String variant(Inbox message) {
      return message.getClass().getSimpleName();
    }

    @Override
    public boolean isCall(String variant) {
      return false;
    }

    @Override
    public byte[] encodeArgs(Inbox message) {
      return switch (message) {
        case Inbox.Take t -> Codecs.encode(TAKE, t);
        case Inbox.Note n -> Codecs.encode(Codecs.STRING, n.text());
      };
    }

    @Override
    public Inbox decode(String variant, byte[] args, RpcReplyPort<?> replyPort) {
      return switch (variant) {
        case "Take" -> Codecs.decode(TAKE, args);
        case "Note" -> new Inbox.Note(Codecs.decode(Codecs.STRING, args));
        default -> throw CodecException.unknownVariant("Inbox", variant);
      };
    }

    @Override
    public byte[] encodeReply(String variant, Object reply) {
      throw CodecException.unknownVariant("Inbox", variant);
    }

    @Override
    public Object decodeReply(String variant, byte[] bytes) {
      throw CodecException.unknownVariant("Inbox", variant);
    }
  }

  /** Puts what it gets in a queue. */
  static final class Collector implements Actor<Inbox, Void, Void> {
    private final BlockingQueue<Inbox> got;

    Collector(BlockingQueue<Inbox> got) {
      this.got = got;
    }

    @Override
    public Void preStart(ActorRef<Inbox> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<Inbox> self, Inbox message, Void state) {
      got.add(message);
      return null;
    }
  }

  /** The arguments of {@code Take} holding a ref written by hand, as a hostile peer would. */
  private static ByteString forgedTake(long node, long actor) throws Exception {
    return forgedTake(node, actor, Inbox.class.getName());
  }

  private static ByteString forgedTake(long node, long actor, String type) throws Exception {
    ByteArrayOutputStream ref = new ByteArrayOutputStream();
    CodedOutputStream r = CodedOutputStream.newInstance(ref);
    r.writeFixed64(1, node);
    r.writeUInt64(2, actor);
    r.writeString(3, type);
    r.flush();
    ByteArrayOutputStream args = new ByteArrayOutputStream();
    CodedOutputStream a = CodedOutputStream.newInstance(args);
    a.writeByteArray(1, ref.toByteArray());
    a.flush();
    return ByteString.copyFrom(args.toByteArray());
  }

  private static CastRejected castAndAwaitRejection(Socket raw, ActorCast cast) throws Exception {
    RawPeer.send(raw, NetworkMessage.newBuilder().setCast(cast).build());
    return RawPeer.readUntil(raw.getInputStream(), NetworkMessage.KindCase.CAST_REJECTED)
        .getCastRejected();
  }

  @Test
  void aPeerCannotReachAnActorExportedToAnotherPeerNorForgeARefToIt() throws Exception {
    Node a = node("a");
    int port = a.cluster().listen("127.0.0.1", 0).getPort();
    BlockingQueue<Inbox> inboxGot = new LinkedBlockingQueue<>();
    BlockingQueue<Inbox> targetGot = new LinkedBlockingQueue<>();
    ActorRef<Inbox> inbox = a.spawn("inbox", new Collector(inboxGot), null); // advertised by name
    ActorRef<Inbox> target = a.spawn(new Collector(targetGot), null); // never advertised

    // A legitimate peer b is sent a ref of target: it may reach it.
    Node b = node("b");
    BlockingQueue<Inbox> collected = new LinkedBlockingQueue<>();
    b.spawn("collector", new Collector(collected), null);
    b.cluster().connect("127.0.0.1", port);
    ActorRef<Inbox> collectorOnA =
        a.cluster().awaitName("collector", Inbox.class, Duration.ofSeconds(10));
    collectorOnA.cast(new Inbox.Take(target));
    Inbox.Take took = (Inbox.Take) collected.poll(10, TimeUnit.SECONDS);
    assertFalse(took.ref().id().isLocal());
    took.ref().cast(new Inbox.Note("from b"));
    assertEquals(new Inbox.Note("from b"), targetGot.poll(10, TimeUnit.SECONDS));
    PeerInfo peerB = a.cluster().peers().getFirst();
    assertEquals(1, a.cluster().exportedRefs(peerB));

    try (Socket raw = new Socket("127.0.0.1", port)) {
      RawPeer.authenticate(raw, "raw", 4242, RawPeer.COOKIE);
      // Naming target's id as the target of a cast.
      CastRejected direct =
          castAndAwaitRejection(
              raw,
              ActorCast.newBuilder()
                  .setTarget(target.id().local())
                  .setVariant("Note")
                  .setArgs(ByteString.copyFrom(Codecs.encode(Codecs.STRING, "from raw")))
                  .build());
      assertEquals(Failure.TARGET_NOT_ADVERTISED, direct.getFailure());

      // Putting a forged ref to target in a message to an advertised actor.
      CastRejected forged =
          castAndAwaitRejection(
              raw,
              ActorCast.newBuilder()
                  .setTarget(inbox.id().local())
                  .setVariant("Take")
                  .setArgs(forgedTake(a.id(), target.id().local()))
                  .build());
      assertEquals(Failure.NOT_DECODABLE, forged.getFailure());
      assertTrue(forged.getReason().contains("never sent to node"), forged.getReason());

      // A ref of its own actor is taken: it becomes a proxy here.
      RawPeer.send(
          raw,
          NetworkMessage.newBuilder()
              .setCast(
                  ActorCast.newBuilder()
                      .setTarget(inbox.id().local())
                      .setVariant("Take")
                      .setArgs(forgedTake(4242, 7)))
              .build());
      Inbox.Take own = (Inbox.Take) inboxGot.poll(10, TimeUnit.SECONDS);
      assertEquals(4242, own.ref().id().node());
      assertEquals(7, own.ref().id().local());
    }
    assertTrue(inboxGot.isEmpty(), "the forged ref reached nobody: " + inboxGot);
    assertTrue(targetGot.isEmpty(), "the raw peer reached nothing: " + targetGot);
  }

  @Test
  void aPeersRefsOfAnotherTypeOrBeyondItsBoundAreRefused() throws Exception {
    Node a = node("a", config -> config.peerAdvertisements(2, 16, 16));
    int port = a.cluster().listen("127.0.0.1", 0).getPort();
    BlockingQueue<Inbox> inboxGot = new LinkedBlockingQueue<>();
    ActorRef<Inbox> inbox = a.spawn("inbox", new Collector(inboxGot), null);
    try (Socket raw = new Socket("127.0.0.1", port)) {
      RawPeer.authenticate(raw, "raw", 4343, RawPeer.COOKIE);
      CastRejected wrongType =
          castAndAwaitRejection(
              raw,
              ActorCast.newBuilder()
                  .setTarget(inbox.id().local())
                  .setVariant("Take")
                  .setArgs(forgedTake(4343, 1, "java.lang.Runnable"))
                  .build());
      assertEquals(Failure.NOT_DECODABLE, wrongType.getFailure());
      assertTrue(wrongType.getReason().contains("was expected"), wrongType.getReason());
      // The bound of proxies per peer (2 here) holds for refs too.
      for (long actor = 1; actor <= 2; actor++) {
        RawPeer.send(
            raw,
            NetworkMessage.newBuilder()
                .setCast(
                    ActorCast.newBuilder()
                        .setTarget(inbox.id().local())
                        .setVariant("Take")
                        .setArgs(forgedTake(4343, actor)))
                .build());
        assertEquals(actor, ((Inbox.Take) inboxGot.poll(10, TimeUnit.SECONDS)).ref().id().local());
      }
      CastRejected third =
          castAndAwaitRejection(
              raw,
              ActorCast.newBuilder()
                  .setTarget(inbox.id().local())
                  .setVariant("Take")
                  .setArgs(forgedTake(4343, 3))
                  .build());
      assertEquals(Failure.NOT_DECODABLE, third.getFailure());
      assertTrue(third.getReason().contains("peerAdvertisements"), third.getReason());
    }
    assertTrue(inboxGot.isEmpty(), "nothing refused was delivered: " + inboxGot);
  }
}
