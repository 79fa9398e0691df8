package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.codec.Codecs;
import io.troupe.codec.MessageCodec;
import io.troupe.generated.GeneratedCodecs;
import io.troupe.internal.cluster.CookieProof;
import io.troupe.internal.cluster.Frames;
import io.troupe.internal.cluster.proto.ActorReply;
import io.troupe.internal.cluster.proto.Failure;
import io.troupe.internal.cluster.proto.NameChange;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.internal.cluster.proto.Proof;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on a node from 127.0.0.1 by clients that do not know the cookie, or that know it and
 * misbehave, each driven by hand over a raw socket (see {@link RawPeer}); every test is bounded in
 * connections and time.
 */
class HostilePeerTest {
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  private Node node(String name, UnaryOperator<NodeConfig.Builder> tweak) {
    NodeConfig.Builder b =
        NodeConfig.builder()
            .cookie(RawPeer.COOKIE)
            .keepalive(Duration.ofMillis(200), Duration.ofSeconds(3))
            .handshakeTimeout(Duration.ofSeconds(2))
            .maxFrameBytes(64 * 1024);
    Node n = Node.create(name, tweak.apply(b).build());
    nodes.add(n);
    return n;
  }

  private Node node(String name) {
    return node(name, b -> b);
  }

  static Set<String> peerNames(Node n) {
    return n.cluster().peers().stream().map(PeerInfo::name).collect(Collectors.toSet());
  }

  /**
   * The kinds of {@code frames} (a message's own toString needs reflection the module does not
   * open).
   */
  static String kinds(List<NetworkMessage> frames) {
    return frames.stream().map(NetworkMessage::getKindCase).toList().toString();
  }

  /** Every frame the node sends until it closes the connection (or a read times out). */
  static List<NetworkMessage> readUntilClosed(InputStream in) {
    List<NetworkMessage> frames = new ArrayList<>();
    try {
      for (NetworkMessage m; (m = Frames.read(in, 1 << 20)) != null; ) {
        frames.add(m);
      }
    } catch (IOException closedOrReset) {
      // as good as the end of the stream here
    }
    return frames;
  }

  // ------------------------------------------------------------------ 1: nothing to guess against

  /**
   * A client that does not know the cookie says Hello and sends a made-up proof: the node answers
   * with its Hello only and closes, so the client holds nothing computed from the cookie (before,
   * the node sent its own proof right after the client's Hello: material for an offline guess).
   */
  @Test
  void anUnauthenticatedClientGetsNoProofToGuessAgainst() throws Exception {
    Node server = node("server");
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    for (int round = 0; round < 3; round++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write(RawPeer.frame(RawPeer.hello("guesser", 7, CookieProof.freshNonce())));
        out.flush();
        InputStream in = s.getInputStream();
        NetworkMessage first = Frames.read(in, 1 << 20);
        assertEquals(NetworkMessage.KindCase.HELLO, first.getKindCase());
        if (round > 0) { // round 0 waits silently: nothing more comes before the client proves
          byte[] guess =
              new CookieProof("guess".getBytes())
                  .prove(
                      first.getHello().getNonce().toByteArray(),
                      new byte[32],
                      "server",
                      "guesser",
                      false);
          out.write(
              RawPeer.frame(
                  NetworkMessage.newBuilder()
                      .setProof(Proof.newBuilder().setHmac(ByteString.copyFrom(guess)))
                      .build()));
          out.flush();
        }
        List<NetworkMessage> rest = readUntilClosed(in); // round 0: closed at the handshake timeout
        assertTrue(
            rest.stream().noneMatch(NetworkMessage::hasProof),
            () -> "the node proved itself to a stranger: " + kinds(rest));
      }
    }
    assertEquals(List.of(), server.cluster().peers());
  }

  /** A client that does know the cookie still authenticates, and so do two nodes. */
  @Test
  void aClientThatProvesFirstIsAnswered() throws Exception {
    Node server = node("server");
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      RawPeer.authenticate(s, "knower", RawPeer.COOKIE);
      io.troupe.testing.Await.until(
          "authenticated", () -> peerNames(server).equals(Set.of("knower")));
    }
    Node client = node("client");
    assertEquals("server", client.cluster().connect("127.0.0.1", port).name());
  }

  /** Weak cookies are refused when the configuration is built; generated ones are accepted. */
  @Test
  void weakCookiesAreRefusedAndGeneratedOnesAccepted() {
    for (String weak :
        List.of(
            "secret",
            "shared-secret",
            "demo-cookie",
            "a".repeat(100),
            "ab".repeat(40),
            "abcd".repeat(40),
            "correct".repeat(8),
            "0123456789",
            "Password123!",
            "x")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> NodeConfig.builder().cookie(weak).build(),
              weak);
      assertTrue(e.getMessage().contains("generateCookie"), e.getMessage());
    }
    String one = NodeConfig.generateCookie();
    String two = NodeConfig.generateCookie();
    assertNotEquals(one, two);
    assertTrue(NodeConfig.cookieStrength(one) >= 200, one + ": " + NodeConfig.cookieStrength(one));
    java.security.SecureRandom random = new java.security.SecureRandom();
    for (int i = 0; i < 1000; i++) {
      byte[] key = new byte[16];
      random.nextBytes(key);
      String hex = HexFormat.of().formatHex(key); // a random 128-bit key, as 32 hex digits
      assertTrue(
          NodeConfig.cookieStrength(hex) >= NodeConfig.MIN_COOKIE_BITS,
          hex + ": " + NodeConfig.cookieStrength(hex));
      NodeConfig.builder().cookie(NodeConfig.generateCookie()).build();
    }
  }

  // ------------------------------------------------------------------ 2: memory before auth

  /**
   * A stranger announces a frame far larger than a handshake (though under maxFrameBytes): the node
   * closes at once, from the prefix, instead of waiting to buffer the body.
   */
  @Test
  void aLargeFrameBeforeAuthenticationIsRefusedFromItsPrefix() throws Exception {
    Node server = node("server", b -> b.handshakeTimeout(Duration.ofSeconds(20)));
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          new byte[] {(byte) 0xd0, (byte) 0x86, 0x03}); // a length of 50,000 bytes, then nothing
      out.flush();
      long start = System.nanoTime();
      List<NetworkMessage> answers = readUntilClosed(s.getInputStream());
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      // Its Hello, unless the refusal came before the Hello was written.
      assertTrue(
          answers.stream().allMatch(NetworkMessage::hasHello) && answers.size() <= 1,
          () -> kinds(answers));
      assertTrue(tookMillis < 5_000, "closed after " + tookMillis + " ms: it waited for the body");
    }
  }

  /**
   * Strangers that open connections and say nothing hold at most the per-address cap of pending
   * handshakes; later ones are closed at once; once they go, a real peer connects.
   */
  @Test
  void pendingHandshakesAreCappedPerAddressAndInTotal() throws Exception {
    for (boolean perAddress : new boolean[] {true, false}) {
      Node server =
          node(
              "server",
              b ->
                  b.handshakeTimeout(Duration.ofSeconds(20))
                      .pendingHandshakes(perAddress ? 100 : 4, perAddress ? 4 : 100));
      int port = server.cluster().listen("127.0.0.1", 0).getPort();
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          Socket s = new Socket("127.0.0.1", port);
          s.setSoTimeout(10_000);
          idle.add(s);
          assertEquals(
              NetworkMessage.KindCase.HELLO,
              Frames.read(s.getInputStream(), 1 << 20).getKindCase(),
              "slot " + i);
        }
        for (int i = 0; i < 5; i++) {
          try (Socket extra = new Socket("127.0.0.1", port)) {
            extra.setSoTimeout(10_000);
            long start = System.nanoTime();
            List<NetworkMessage> answers = readUntilClosed(extra.getInputStream());
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(
                List.of(), answers, "a connection over the cap is closed before the handshake");
            assertTrue(tookMillis < 5_000, "closed after " + tookMillis + " ms");
          }
        }
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
      Node client = node("client" + perAddress);
      io.troupe.testing.Await.until(
          "the idle ones are gone",
          () -> {
            try {
              client.cluster().connect("127.0.0.1", port);
              return true;
            } catch (ClusterException stillFull) {
              return false;
            }
          });
    }
  }

  // ------------------------------------------------------------------ 5: replies per session

  /** A remote actor's messages: one call variant answered with a string. */
  sealed interface Ask {
    record Get(RpcReplyPort<String> reply) implements Ask {}
  }

  /** Found by {@code MessageCodec.forType(Ask.class)}. */
  static final class AskCodec implements MessageCodec<Ask> {
    static {
      GeneratedCodecs.register(Ask.class, new AskCodec()); // how MessageCodec.forType finds it
    }

    @Override
    public Class<Ask> messageType() {
      return Ask.class;
    }

    @Override
    public String variant(Ask message) {
      return "Get";
    }

    @Override
    public boolean isCall(String variant) {
      return true;
    }

    @Override
    public byte[] encodeArgs(Ask message) {
      return new byte[0];
    }

    @Override
    @SuppressWarnings("unchecked")
    public Ask decode(String variant, byte[] args, RpcReplyPort<?> replyPort) {
      return new Ask.Get((RpcReplyPort<String>) replyPort);
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

  static NetworkMessage advertiseName(String name, long actor, Class<?> type) {
    return NetworkMessage.newBuilder()
        .setNameChange(
            NameChange.newBuilder()
                .setName(name)
                .setRegistered(true)
                .setActor(actor)
                .setMessageType(type.getName()))
        .build();
  }

  static NetworkMessage reply(long tag, String value) {
    return NetworkMessage.newBuilder()
        .setReply(
            ActorReply.newBuilder()
                .setTag(tag)
                .setValue(ByteString.copyFrom(Codecs.encode(Codecs.STRING, value))))
        .build();
  }

  /**
   * A call to an actor of peer B is answered only by B: a third peer that sends replies with the
   * call's tag (and every tag near it) is ignored (before, the first reply with the tag won).
   */
  @Test
  void onlyThePeerACallWentToMayAnswerIt() throws Exception {
    Node caller = node("caller");
    int port = caller.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket owner = new Socket("127.0.0.1", port);
        Socket spoofer = new Socket("127.0.0.1", port)) {
      RawPeer.authenticate(owner, "owner", 42, RawPeer.COOKIE);
      RawPeer.authenticate(spoofer, "spoofer", 43, RawPeer.COOKIE);
      RawPeer.send(owner, advertiseName("oracle", 7, Ask.class));
      Await.until("the oracle is known", () -> caller.registry().whereIs("oracle").isPresent());
      @SuppressWarnings("unchecked")
      ActorRef<Ask> oracle = (ActorRef<Ask>) caller.registry().whereIs("oracle").orElseThrow();

      CompletableFuture<CallResult<String>> answer =
          oracle.callAsync(Ask.Get::new, Duration.ofSeconds(20));
      long tag =
          RawPeer.readUntil(owner.getInputStream(), NetworkMessage.KindCase.CALL)
              .getCall()
              .getTag();
      for (long t = Math.max(1, tag - 50); t <= tag + 50; t++) {
        RawPeer.send(spoofer, reply(t, "spoofed"));
      }
      RawPeer.roundTrip(spoofer, 1); // the spoofed replies were all handled
      assertTrue(!answer.isDone(), "a third peer answered the call: " + answer.getNow(null));

      RawPeer.send(owner, reply(tag, "genuine"));
      assertEquals(new CallResult.Success<>("genuine"), answer.get(10, TimeUnit.SECONDS));
    }
  }

  // ------------------------------------------------------------------ 6: no takeover of a live id

  /**
   * A peer that authenticates claiming the id and name of a connected node is refused; the node's
   * own session stays, with no disconnect on either side (before, the newcomer replaced it when the
   * claimed id was the smaller one, and the real node was cut off).
   */
  @Test
  void aSecondSessionClaimingALiveNodesIdIsRefused() throws Exception {
    Node x = node("x", b -> b.handshakeTimeout(Duration.ofMillis(500)));
    Node y = node("y", b -> b.handshakeTimeout(Duration.ofMillis(500)));
    Node small = x.id() < y.id() ? x : y; // the real peer, whose id the impostor claims
    Node large = small == x ? y : x; // the attacked node: it connected to the real peer
    List<NodeEvent> smallEvents = new CopyOnWriteArrayList<>();
    List<NodeEvent> largeEvents = new CopyOnWriteArrayList<>();
    small.cluster().subscribe(smallEvents::add);
    large.cluster().subscribe(largeEvents::add);
    int smallPort = small.cluster().listen("127.0.0.1", 0).getPort();
    int largePort = large.cluster().listen("127.0.0.1", 0).getPort();
    large.cluster().connect("127.0.0.1", smallPort);
    Await.until("connected", () -> peerNames(small).equals(Set.of(large.name())));
    Thread.sleep(700); // past the window in which a crossed connect may still replace it

    try (Socket impostor = new Socket("127.0.0.1", largePort)) {
      impostor.setSoTimeout(5000);
      try {
        RawPeer.authenticate(impostor, small.name(), small.id(), RawPeer.COOKIE);
      } catch (IOException refusedDuringTheHandshake) {
        // closed as soon as it authenticated: as good
      }
      List<NetworkMessage> rest = readUntilClosed(impostor.getInputStream());
      assertTrue(
          rest.stream().noneMatch(NetworkMessage::hasGroupChange), "the impostor was served");
    }
    assertEquals(Set.of(small.name()), peerNames(large));
    assertEquals(Set.of(large.name()), peerNames(small));
    assertTrue(
        smallEvents.stream().noneMatch(NodeEvent.NodeDisconnected.class::isInstance),
        smallEvents.toString());
    assertTrue(
        largeEvents.stream().noneMatch(NodeEvent.NodeDisconnected.class::isInstance),
        largeEvents.toString());
  }

  // ------------------------------------------------------------------ 12: busy actors

  /**
   * Every virtual-thread carrier busy with CPU-bound work (as actors that never yield would keep
   * them) for 3 s: keepalive and the sessions run on their own threads, so the two nodes stay
   * connected (before, the keepalive timeout of 800 ms dropped the session).
   */
  @Test
  void busyVirtualThreadsDoNotStallKeepalive() throws Exception {
    Node a = node("a", b -> b.keepalive(Duration.ofMillis(100), Duration.ofMillis(800)));
    Node b = node("b", c -> c.keepalive(Duration.ofMillis(100), Duration.ofMillis(800)));
    List<NodeEvent> events = new CopyOnWriteArrayList<>();
    a.cluster().subscribe(events::add);
    b.cluster().subscribe(events::add);
    a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    Await.until("connected", () -> peerNames(b).equals(Set.of("a")));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    List<Thread> busy = new ArrayList<>();
    for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
      busy.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    long spins = 0;
                    while (System.nanoTime() < until) {
                      spins++;
                    }
                    if (spins < 0) {
                      throw new AssertionError();
                    }
                  }));
    }
    for (Thread t : busy) {
      t.join();
    }
    assertTrue(
        events.stream().noneMatch(NodeEvent.NodeDisconnected.class::isInstance), events.toString());
    assertEquals(Set.of("b"), peerNames(a));
  }

  // ------------------------------------------------------------------ 9: calls of a gone caller

  /** Keeps every call it gets and never answers. */
  static final class Hoarder implements io.troupe.Actor<Ask, Void, List<RpcReplyPort<String>>> {
    @Override
    public Void preStart(ActorRef<Ask> self, List<RpcReplyPort<String>> ports) {
      return null;
    }

    @Override
    public Void handle(ActorRef<Ask> self, Ask message, Void state) {
      hoarded.add(((Ask.Get) message).reply());
      return null;
    }

    final List<RpcReplyPort<String>> hoarded = new CopyOnWriteArrayList<>();
  }

  static NetworkMessage call(long target, long tag, long timeoutMillis) {
    return NetworkMessage.newBuilder()
        .setCall(
            io.troupe.internal.cluster.proto.ActorCall.newBuilder()
                .setTarget(target)
                .setVariant("Get")
                .setTag(tag)
                .setTimeoutMillis(timeoutMillis))
        .build();
  }

  /**
   * A peer makes calls without a timeout to an actor that never answers, then disconnects: the
   * calls fail at once instead of staying pinned on the actor (before, they stayed forever).
   */
  @Test
  void callsOfAPeerThatDisconnectedFail() throws Exception {
    Node server = node("server");
    Hoarder hoarder = new Hoarder();
    ActorRef<Ask> actor = server.spawn("hoarder", hoarder, null);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket caller = new Socket("127.0.0.1", port)) {
      RawPeer.authenticate(caller, "caller", RawPeer.COOKIE);
      for (int i = 1; i <= 1000; i++) {
        RawPeer.send(caller, call(actor.id().local(), i, 0));
      }
      Await.until("the actor holds every call", () -> hoarder.hoarded.size() == 1000);
      assertTrue(hoarder.hoarded.stream().noneMatch(p -> p.result().isDone()));
    }
    Await.until(
        "every call failed with its caller's session",
        () -> hoarder.hoarded.stream().allMatch(p -> p.result().isDone()));
    assertTrue(
        hoarder.hoarded.stream().allMatch(p -> p.result().join() instanceof CallResult.SenderError),
        "failed, not answered");
  }

  /** Replies as text (a message's own toString needs reflection the module does not allow). */
  private static String describe(List<ActorReply> replies) {
    return replies.stream().map(r -> r.getFailure() + ": " + r.getError()).toList().toString();
  }

  /**
   * A huge timeout is cut to the node's maximum; calls over the per-peer cap are refused at once.
   */
  @Test
  void callTimeoutsAndPendingCallsAreCapped() throws Exception {
    // The cap (1 s) is long enough that no capped call times out before the 15th has arrived,
    // even on a loaded machine (300 ms was not: a freed slot let a 15th call in), and short of the
    // keepalive timeout of a raw peer that answers no pings.
    Node server = node("server", b -> b.inboundCalls(Duration.ofSeconds(1), 10));
    Hoarder hoarder = new Hoarder();
    ActorRef<Ask> actor = server.spawn("hoarder", hoarder, null);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket caller = new Socket("127.0.0.1", port)) {
      RawPeer.authenticate(caller, "caller", RawPeer.COOKIE);
      for (int i = 1; i <= 15; i++) {
        RawPeer.send(caller, call(actor.id().local(), i, TimeUnit.DAYS.toMillis(10)));
      }
      List<ActorReply> errors = new ArrayList<>();
      while (errors.size() < 15) {
        errors.add(
            RawPeer.readUntil(caller.getInputStream(), NetworkMessage.KindCase.REPLY).getReply());
      }
      assertEquals(
          5,
          errors.stream()
              .filter(e -> e.getFailure() == Failure.REFUSED && e.getError().contains("too many"))
              .count(),
          () -> describe(errors));
      assertEquals(
          10,
          errors.stream().filter(e -> e.getFailure() == Failure.REMOTE_TIMEOUT).count(),
          () -> describe(errors));
    }
  }

  // ------------------------------------------------------------------ 7: inbound back-pressure

  /** Waits at a gate before its first message, then counts them. */
  static final class Gated implements io.troupe.Actor<FlowControlTest.Note, Void, Void> {
    final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.atomic.AtomicInteger handled =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Void preStart(ActorRef<FlowControlTest.Note> self, Void args) {
      return null;
    }

    @Override
    public Void handle(
        ActorRef<FlowControlTest.Note> self, FlowControlTest.Note message, Void state)
        throws Exception {
      gate.await();
      handled.incrementAndGet();
      return null;
    }
  }

  /**
   * A peer floods casts at an actor that does not keep up: once 256 KiB of them wait in its mailbox
   * the session stops reading and the flood stalls in TCP (before, the node read everything into
   * the mailbox); when the actor catches up, every cast arrives.
   */
  @Test
  void aFloodStallsInTcpOnceThePeersQueuedMessagesReachTheBound() throws Exception {
    Node server =
        node(
            "server",
            b ->
                b.inboundQueue(256 << 10)
                    .keepalive(Duration.ofMillis(200), Duration.ofSeconds(30)));
    Gated gated = new Gated();
    ActorRef<FlowControlTest.Note> sink = server.spawn("sink", gated, null);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    int casts = 24_000; // of about 1 KiB: 24 MiB, far more than socket buffers hold
    NetworkMessage cast =
        NetworkMessage.newBuilder()
            .setCast(
                io.troupe.internal.cluster.proto.ActorCast.newBuilder()
                    .setTarget(sink.id().local())
                    .setVariant("Text")
                    .setArgs(ByteString.copyFrom(Codecs.encode(Codecs.STRING, "x".repeat(1000)))))
            .build();
    byte[] frame = RawPeer.frame(cast);
    try (Socket flooder = new Socket()) {
      flooder.setSendBufferSize(64 << 10);
      flooder.connect(new java.net.InetSocketAddress("127.0.0.1", port));
      RawPeer.authenticate(flooder, "flooder", RawPeer.COOKIE);
      java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
      Thread writer =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try {
                      OutputStream out = flooder.getOutputStream();
                      for (int i = 0; i < casts; i++) {
                        out.write(frame);
                        written.addAndGet(frame.length);
                      }
                      out.flush();
                    } catch (IOException closed) {
                      // the test ended
                    }
                  });
      // Stalled: no progress for a second, well short of the whole flood.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      long last = -1;
      int still = 0;
      while (still < 5 && System.nanoTime() < deadline && writer.isAlive()) {
        Thread.sleep(200);
        long now = written.get();
        still = now == last ? still + 1 : 0;
        last = now;
      }
      long total = (long) casts * frame.length;
      assertTrue(
          writer.isAlive() && last < total / 2,
          "the flood was read: " + last + " of " + total + " bytes written");
      gated.gate.countDown();
      writer.join(30_000);
      assertEquals(total, written.get());
      Await.until("every cast handled", () -> gated.handled.get() == casts, Duration.ofSeconds(30));
      assertEquals(Set.of("flooder"), peerNames(server));
    }
  }

  // ------------------------------------------------------------------ 8: bounded control outbox

  /**
   * A peer pings and never reads its pongs: once 64 KiB of them wait, the session is closed as a
   * peer that does not read (before, the pongs queued without bound).
   */
  @Test
  void aPeerThatPingsAndNeverReadsIsDropped() throws Exception {
    Node server =
        node(
            "server",
            b ->
                b.controlOutbox(64 << 10)
                    .keepalive(Duration.ofMillis(200), Duration.ofSeconds(30)));
    List<NodeEvent> events = new CopyOnWriteArrayList<>();
    server.cluster().subscribe(events::add);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket pinger = new Socket()) {
      pinger.setReceiveBufferSize(4096);
      pinger.connect(new java.net.InetSocketAddress("127.0.0.1", port));
      RawPeer.authenticate(pinger, "pinger", RawPeer.COOKIE);
      byte[] ping =
          RawPeer.frame(
              NetworkMessage.newBuilder()
                  .setPing(io.troupe.internal.cluster.proto.Ping.newBuilder().setSequence(1))
                  .build());
      OutputStream out = new java.io.BufferedOutputStream(pinger.getOutputStream(), 1 << 16);
      try {
        for (int i = 0;
            i < 2_000_000
                && events.stream().noneMatch(NodeEvent.NodeDisconnected.class::isInstance);
            i++) {
          out.write(ping);
        }
        out.flush();
      } catch (IOException closedByTheServer) {
        // as expected
      }
      Await.until(
          "the pinger is dropped",
          () ->
              events.stream()
                  .anyMatch(
                      e ->
                          e instanceof NodeEvent.NodeDisconnected d
                              && d.reason().contains("does not read")));
    }
  }
}
