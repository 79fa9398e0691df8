package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.troupe.Node;
import io.troupe.internal.cluster.CookieProof;
import io.troupe.internal.cluster.Frames;
import io.troupe.internal.cluster.proto.ActorCall;
import io.troupe.internal.cluster.proto.ActorCast;
import io.troupe.internal.cluster.proto.ActorControl;
import io.troupe.internal.cluster.proto.ActorExited;
import io.troupe.internal.cluster.proto.ActorReply;
import io.troupe.internal.cluster.proto.Authenticated;
import io.troupe.internal.cluster.proto.Hello;
import io.troupe.internal.cluster.proto.Link;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.internal.cluster.proto.Ping;
import io.troupe.testing.Await;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterTest {
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  private Node node(String name, String cookie, ConnectionMode mode) {
    Node n =
        Node.create(
            name,
            NodeConfig.builder()
                .cookie(cookie)
                .connectionMode(mode)
                .keepalive(Duration.ofMillis(100), Duration.ofMillis(600))
                .handshakeTimeout(Duration.ofSeconds(2))
                .maxFrameBytes(64 * 1024)
                .build());
    nodes.add(n);
    return n;
  }

  private Node node(String name) {
    return node(name, RawPeer.COOKIE, ConnectionMode.TRANSITIVE);
  }

  private static Set<String> peerNames(Node n) {
    return n.cluster().peers().stream().map(PeerInfo::name).collect(Collectors.toSet());
  }

  private static List<NodeEvent> record(Node n) {
    List<NodeEvent> events = new CopyOnWriteArrayList<>();
    n.cluster().subscribe(events::add);
    return events;
  }

  @Test
  void twoNodesAuthenticateAndSeeEachOther() {
    Node a = node("a");
    Node b = node("b");
    List<NodeEvent> aEvents = record(a);
    List<NodeEvent> bEvents = record(b);
    InetSocketAddress at = b.cluster().listen("127.0.0.1", 0);
    assertTrue(at.getPort() > 0);
    PeerInfo peer = a.cluster().connect("127.0.0.1", at.getPort());
    assertEquals("b", peer.name());
    assertEquals(b.id(), peer.nodeId());
    assertEquals(Set.of("b"), peerNames(a));
    Await.until("b sees a", () -> peerNames(b).equals(Set.of("a")));
    Await.until(
        "b's events",
        () -> bEvents.stream().anyMatch(NodeEvent.NodeAuthenticated.class::isInstance));
    assertTrue(aEvents.get(0) instanceof NodeEvent.NodeConnected);
    assertTrue(
        aEvents.stream()
            .anyMatch(
                e -> e instanceof NodeEvent.NodeAuthenticated x && x.peer().name().equals("b")));
  }

  @Test
  void aWrongCookieIsRejectedAndLeavesOtherSessionsAlone() {
    Node server = node("server");
    Node friend = node("friend");
    Node stranger = node("stranger", NodeConfig.generateCookie(), ConnectionMode.TRANSITIVE);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    friend.cluster().connect("127.0.0.1", port);
    ClusterException e =
        assertThrows(ClusterException.class, () -> stranger.cluster().connect("127.0.0.1", port));
    assertTrue(e.getMessage().contains("not authenticated"), e.getMessage());
    assertEquals(List.of(), stranger.cluster().peers());
    Await.until("server keeps only its friend", () -> peerNames(server).equals(Set.of("friend")));
    assertEquals(Set.of("server"), peerNames(friend));
  }

  @Test
  void hostilePeersAreDroppedWithoutAffectingAnAuthenticatedSession() throws Exception {
    Node server = node("server");
    Node friend = node("friend");
    List<NodeEvent> friendEvents = record(friend);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    friend.cluster().connect("127.0.0.1", port);

    List<byte[]> attacks = new ArrayList<>();
    attacks.add("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)); // garbage
    attacks.add(
        new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f}); // oversized length
    attacks.add(
        new byte[] {
          (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1
        }); // bad varint
    attacks.add(new byte[] {20, 1, 2, 3}); // truncated frame, then EOF
    attacks.add(
        RawPeer.frame(
            NetworkMessage.newBuilder()
                .setPing(Ping.newBuilder().setSequence(1))
                .build())); // before auth
    for (byte[] attack : attacks) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write(attack);
        out.flush();
        if (attack.length == 4 && attack[0] == 20) {
          s.shutdownOutput();
        }
        // The server answers with its Hello and then closes: read until EOF.
        InputStream in = s.getInputStream();
        while (in.read() >= 0) {
          // drain
        }
      }
    }
    assertEquals(Set.of("friend"), peerNames(server));
    assertEquals(Set.of("server"), peerNames(friend));
    assertTrue(friendEvents.stream().noneMatch(NodeEvent.NodeDisconnected.class::isInstance));
  }

  /**
   * Each side announces its maximum frame in its Hello; an announced maximum below 1024 is refused.
   */
  @Test
  void theHelloAnnouncesTheMaximumFrameAndATinyAnnouncedMaximumIsRefused() throws Exception {
    Node server = node("server");
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    List<NetworkMessage.KindCase> answers = new ArrayList<>();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      InputStream in = s.getInputStream();
      Hello theirs =
          Frames.read(in, 1 << 20)
              .getHello(); // sent first: a refused Hello may close before it is written
      assertEquals(64 * 1024, theirs.getMaxFrameBytes());
      OutputStream out = s.getOutputStream();
      out.write(
          RawPeer.frame(
              NetworkMessage.newBuilder()
                  .setHello(
                      Hello.newBuilder()
                          .setNodeName("tiny")
                          .setNodeId(7)
                          .setProtocolVersion(2)
                          .setNonce(ByteString.copyFrom(CookieProof.freshNonce()))
                          .setMaxFrameBytes(100))
                  .build()));
      out.flush();
      try {
        for (NetworkMessage m; (m = Frames.read(in, 1 << 20)) != null; ) {
          answers.add(m.getKindCase());
        }
      } catch (java.io.IOException reset) {
        // the server closed the connection: as good as EOF here
      }
    }
    assertEquals(List.of(), answers, "no proof for a peer that announced a maximum below 1024");
    assertEquals(List.of(), server.cluster().peers());
  }

  /** A Hello answered by Authenticated without the Proof: the handshake order is enforced. */
  @Test
  void skippingTheProofClosesTheSession() throws Exception {
    Node server = node("server");
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(
          RawPeer.frame(
              NetworkMessage.newBuilder()
                  .setHello(
                      Hello.newBuilder()
                          .setNodeName("cheat")
                          .setNodeId(7)
                          .setProtocolVersion(2)
                          .setNonce(ByteString.copyFrom(CookieProof.freshNonce())))
                  .build()));
      out.write(
          RawPeer.frame(
              NetworkMessage.newBuilder()
                  .setAuthenticated(Authenticated.getDefaultInstance())
                  .build()));
      out.flush();
      InputStream in = s.getInputStream();
      while (in.read() >= 0) {
        // the server's Hello, then EOF
      }
    }
    assertEquals(List.of(), server.cluster().peers());
  }

  /**
   * Actor traffic from an authenticated peer that names nothing it may touch is dropped, not
   * obeyed.
   */
  @Test
  void anAuthenticatedPeerCannotReachActorsThatWereNotAdvertised() throws Exception {
    Node server = node("server");
    io.troupe.ActorRef<String> hidden = server.spawn(new Quiet(), null);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      RawPeer.authenticate(s, "probe", RawPeer.COOKIE);
      long target = hidden.id().local();
      OutputStream out = s.getOutputStream();
      out.write(
          RawPeer.frame(
              NetworkMessage.newBuilder()
                  .setActorControl(
                      ActorControl.newBuilder().setTarget(target).setKind(ActorControl.Kind.KILL))
                  .build()));
      out.write(
          RawPeer.frame(
              NetworkMessage.newBuilder()
                  .setLink(Link.newBuilder().setActor(target).setPeerActor(1).setSupervises(true))
                  .build()));
      out.write(
          RawPeer.frame(
              NetworkMessage.newBuilder()
                  .setCast(ActorCast.newBuilder().setTarget(999_999).setVariant("X"))
                  .build()));
      out.write(
          RawPeer.frame(
              NetworkMessage.newBuilder()
                  .setCast(ActorCast.newBuilder().setTarget(target).setVariant("X"))
                  .build()));
      out.write(
          RawPeer.frame(
              NetworkMessage.newBuilder()
                  .setCall(
                      ActorCall.newBuilder()
                          .setTarget(target)
                          .setVariant("X")
                          .setTag(5)
                          .setTimeoutMillis(1000))
                  .build()));
      out.write(
          RawPeer.frame(
              NetworkMessage.newBuilder()
                  .setReply(ActorReply.newBuilder().setTag(12345).setError("no one asked"))
                  .build()));
      out.write(
          RawPeer.frame(
              NetworkMessage.newBuilder()
                  .setActorExited(ActorExited.newBuilder().setActor(4242))
                  .build()));
      out.write(
          RawPeer.frame(
              NetworkMessage.newBuilder().setPing(Ping.newBuilder().setSequence(77)).build()));
      out.flush();
      InputStream in = s.getInputStream();
      NetworkMessage answer;
      ActorReply refused = null;
      do {
        answer = Frames.read(in, 1 << 20); // skip gossip and advertisements until the pong
        if (answer != null && answer.hasReply()) {
          refused = answer.getReply();
        }
      } while (answer != null && !answer.hasPong());
      assertEquals(5, refused.getTag(), "the call to the hidden actor is refused with an error");
      assertTrue(refused.getError().contains("advertised"), refused.getError());
      assertEquals(77, answer.getPong().getSequence(), "the session still works");
      assertEquals(Set.of("probe"), peerNames(server));
      assertEquals(java.util.Optional.empty(), hidden.supervisor());
      assertTrue(!hidden.awaitExit(Duration.ofMillis(300)), "the hidden actor was not killed");
    }
  }

  /** An actor that does nothing. */
  static final class Quiet implements io.troupe.Actor<String, Void, Void> {
    @Override
    public Void preStart(io.troupe.ActorRef<String> self, Void args) {
      return null;
    }
  }

  @Test
  void aPeerThatGoesSilentIsDroppedByKeepalive() throws Exception {
    Node server = node("server");
    List<NodeEvent> events = record(server);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      RawPeer.authenticate(s, "silent", RawPeer.COOKIE);
      Await.until("silent peer authenticated", () -> peerNames(server).equals(Set.of("silent")));
      // Now say nothing at all.
      Await.until(
          "silent peer dropped",
          () ->
              events.stream()
                  .anyMatch(
                      e ->
                          e instanceof NodeEvent.NodeDisconnected d
                              && d.reason().contains("keepalive")),
          Duration.ofSeconds(10));
      assertEquals(List.of(), server.cluster().peers());
    }
  }

  @Test
  void disconnectIsSeenOnBothSides() {
    Node a = node("a");
    Node b = node("b");
    List<NodeEvent> aEvents = record(a);
    List<NodeEvent> bEvents = record(b);
    a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    Await.until("b sees a", () -> peerNames(b).equals(Set.of("a")));
    a.cluster().disconnect("b");
    Await.until(
        "a told", () -> aEvents.stream().anyMatch(NodeEvent.NodeDisconnected.class::isInstance));
    Await.until(
        "b told", () -> bEvents.stream().anyMatch(NodeEvent.NodeDisconnected.class::isInstance));
    assertEquals(List.of(), a.cluster().peers());
    assertEquals(List.of(), b.cluster().peers());
  }

  @Test
  void closingANodeEndsItsSessions() {
    Node a = node("a");
    Node b = node("b");
    List<NodeEvent> aEvents = record(a);
    a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    b.close();
    Await.until(
        "a told", () -> aEvents.stream().anyMatch(NodeEvent.NodeDisconnected.class::isInstance));
    assertEquals(List.of(), a.cluster().peers());
  }

  @Test
  void connectingBothWaysKeepsOneSessionPerPair() {
    for (int round = 0; round < 5; round++) {
      Node a = node("a" + round);
      Node b = node("b" + round);
      int aPort = a.cluster().listen("127.0.0.1", 0).getPort();
      int bPort = b.cluster().listen("127.0.0.1", 0).getPort();
      Thread t = Thread.ofVirtual().start(() -> b.cluster().connect("127.0.0.1", aPort));
      a.cluster().connect("127.0.0.1", bPort);
      try {
        t.join();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      Await.until(
          "one peer each",
          () -> a.cluster().peers().size() == 1 && b.cluster().peers().size() == 1);
    }
  }

  @Test
  void transitiveModeConnectsToPeersOfPeersAndIsolatedDoesNot() {
    Node a = node("a");
    Node b = node("b");
    Node c = node("c");
    int bPort = b.cluster().listen("127.0.0.1", 0).getPort();
    a.cluster().listen("127.0.0.1", 0);
    c.cluster().listen("127.0.0.1", 0);
    a.cluster().connect("127.0.0.1", bPort);
    c.cluster().connect("127.0.0.1", bPort);
    Await.until(
        "full mesh",
        () -> peerNames(a).equals(Set.of("b", "c")) && peerNames(c).equals(Set.of("a", "b")));

    Node x = node("x", RawPeer.COOKIE, ConnectionMode.ISOLATED);
    Node y = node("y", RawPeer.COOKIE, ConnectionMode.ISOLATED);
    Node z = node("z", RawPeer.COOKIE, ConnectionMode.ISOLATED);
    int yPort = y.cluster().listen("127.0.0.1", 0).getPort();
    x.cluster().listen("127.0.0.1", 0);
    z.cluster().listen("127.0.0.1", 0);
    x.cluster().connect("127.0.0.1", yPort);
    z.cluster().connect("127.0.0.1", yPort);
    Await.until("y sees both", () -> peerNames(y).equals(Set.of("x", "z")));
    // One more isolated node makes y send x and z its list again; isolated nodes ignore it.
    Node witness = node("w", RawPeer.COOKIE, ConnectionMode.ISOLATED);
    witness.cluster().connect("127.0.0.1", yPort);
    Await.until("y sees three", () -> peerNames(y).equals(Set.of("x", "z", "w")));
    assertEquals(Set.of("y"), peerNames(x));
    assertEquals(Set.of("y"), peerNames(z));
    assertEquals(Set.of("y"), peerNames(witness));
  }

  /**
   * ractor's dist_connect scenario: B and A are isolated, C transitive; B -> A then C -> A makes C
   * connect to B.
   */
  @Test
  void aTransitiveNodeConnectsToThePeersOfAnIsolatedNode() {
    Node a = node("a", RawPeer.COOKIE, ConnectionMode.ISOLATED);
    Node b = node("b", RawPeer.COOKIE, ConnectionMode.ISOLATED);
    Node c = node("c", RawPeer.COOKIE, ConnectionMode.TRANSITIVE);
    int aPort = a.cluster().listen("127.0.0.1", 0).getPort();
    b.cluster().listen("127.0.0.1", 0);
    c.cluster().listen("127.0.0.1", 0);
    b.cluster().connect("127.0.0.1", aPort);
    c.cluster().connect("127.0.0.1", aPort);
    Await.until(
        "c connected to b through a's list",
        () -> peerNames(c).equals(Set.of("a", "b")) && peerNames(b).equals(Set.of("a", "c")));
    assertEquals(Set.of("b", "c"), peerNames(a));
  }

  @Test
  void aNodeWithoutConfigurationHasNoCluster() {
    try (Node plain = Node.create("plain")) {
      IllegalStateException e = assertThrows(IllegalStateException.class, plain::cluster);
      assertTrue(e.getMessage().contains("NodeConfig"));
    }
    assertThrows(IllegalArgumentException.class, () -> NodeConfig.builder().build());
  }
}
