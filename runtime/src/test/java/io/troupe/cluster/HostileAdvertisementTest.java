package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.internal.cluster.proto.Authenticated;
import io.troupe.internal.cluster.proto.GroupChange;
import io.troupe.internal.cluster.proto.NameChange;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.internal.cluster.proto.PeerAddress;
import io.troupe.internal.cluster.proto.PeerList;
import io.troupe.internal.cluster.proto.Ping;
import io.troupe.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Authenticated peers that advertise too much, name hostile classes, fight over names or send
 * malformed updates, driven by hand over raw sockets on 127.0.0.1.
 */
class HostileAdvertisementTest {
  private final List<Node> nodes = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeAll() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    nodes.forEach(Node::close);
  }

  private Node node(String name, UnaryOperator<NodeConfig.Builder> tweak) {
    NodeConfig.Builder b =
        NodeConfig.builder()
            .cookie(RawPeer.COOKIE)
            .keepalive(Duration.ofMillis(200), Duration.ofSeconds(30))
            .handshakeTimeout(Duration.ofSeconds(2))
            .maxFrameBytes(1 << 20);
    Node n = Node.create(name, tweak.apply(b).build());
    nodes.add(n);
    return n;
  }

  private Socket peer(int port, String name, long id) throws Exception {
    Socket s = new Socket("127.0.0.1", port);
    sockets.add(s);
    RawPeer.authenticate(s, name, id, RawPeer.COOKIE);
    return s;
  }

  private static NetworkMessage join(String group, List<Long> actors, List<String> types) {
    return NetworkMessage.newBuilder()
        .setGroupChange(
            GroupChange.newBuilder()
                .setScope(io.troupe.pg.ProcessGroups.DEFAULT_SCOPE)
                .setGroup(group)
                .setJoin(true)
                .addAllActors(actors)
                .addAllMessageTypes(types))
        .build();
  }

  private static NetworkMessage release(String name, long actor) {
    return NetworkMessage.newBuilder()
        .setNameChange(
            NameChange.newBuilder()
                .setName(name)
                .setRegistered(false)
                .setActor(actor)
                .setMessageType(HostilePeerTest.Ask.class.getName()))
        .build();
  }

  private static Optional<Long> ownerOf(Node n, String name) {
    return n.registry().whereIs(name).map(r -> r.id().node());
  }

  // ------------------------------------------------------------------ 8: bounded advertisements

  /**
   * A frame with more repeated elements than any honest sender puts in one closes the session
   * before it is parsed.
   */
  @Test
  void aFrameWithTooManyElementsIsRefusedBeforeDecoding() throws Exception {
    Node server = node("server", b -> b);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    Socket s = peer(port, "amplifier", 42);
    List<Long> actors = new ArrayList<>();
    for (long i = 0; i < 70_000; i++) { // more than Frames.MAX_ELEMENTS
      actors.add(i % 100); // one byte each on the wire, a boxed long each once decoded
    }
    RawPeer.send(s, join("g", actors, List.of()));
    assertTrue(
        HostilePeerTest.readUntilClosed(s.getInputStream()).stream()
            .noneMatch(NetworkMessage::hasPong));
    Await.until("the amplifier is dropped", () -> server.cluster().peers().isEmpty());
  }

  /** Names, proxies and memberships one peer may make are capped; the session stays up. */
  @Test
  void aPeerCannotAdvertiseMoreThanTheBounds() throws Exception {
    Node server = node("server", b -> b.peerAdvertisements(100, 100, 300));
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    Socket s = peer(port, "hoarder", 42);
    for (int i = 1; i <= 150; i++) {
      RawPeer.send(s, HostilePeerTest.advertiseName("name-" + i, i, HostilePeerTest.Ask.class));
    }
    List<Long> fifty = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (long i = 1; i <= 50; i++) {
      fifty.add(i);
      types.add(HostilePeerTest.Ask.class.getName());
    }
    for (int g = 0; g < 10; g++) {
      RawPeer.send(s, join("g" + g, fifty, types));
    }
    RawPeer.roundTrip(s, 1);
    long names = server.registry().registered().stream().filter(n -> n.startsWith("name-")).count();
    assertEquals(100, names, "names kept");
    int memberships = 0;
    for (int g = 0; g < 10; g++) {
      memberships += server.groups().members("g" + g).size();
    }
    assertEquals(300, memberships, "memberships kept");
    assertEquals(Set.of("hoarder"), HostilePeerTest.peerNames(server));
  }

  /** A peer list of 50 nodes makes at most the configured number of connections at once. */
  @Test
  @SuppressWarnings("try") // the listener is closed early on purpose: that ends the acceptor thread
  void aPeerListOpensAtMostTheBoundOfConnectionsAtOnce() throws Exception {
    Node server =
        node("server", b -> b.transitiveConnects(2).handshakeTimeout(Duration.ofSeconds(3)));
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket mute = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"))) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try {
                      for (; ; ) {
                        held.add(mute.accept());
                        accepted.incrementAndGet();
                      }
                    } catch (IOException closed) {
                      // the test ended
                    }
                  });
      Socket s = peer(port, "gossip", 42);
      PeerList.Builder list = PeerList.newBuilder();
      for (int i = 0; i < 50; i++) {
        list.addPeers(
            PeerAddress.newBuilder()
                .setNodeName("n" + i)
                .setNodeId(1000 + i)
                .setHost("127.0.0.1")
                .setPort(mute.getLocalPort()));
      }
      RawPeer.send(s, NetworkMessage.newBuilder().setPeerList(list).build());
      RawPeer.roundTrip(s, 1);
      Await.until("two connections", () -> accepted.get() >= 2);
      Thread.sleep(500); // would more come? (each connection waits for its 3 s handshake timeout)
      assertEquals(2, accepted.get(), "connections opened at once");
      mute.close();
      acceptor.join(5_000);
      for (Socket h : held) {
        h.close();
      }
    }
  }

  // ------------------------------------------------------------------ 10: no class initialisation

  /**
   * A peer names classes with initialisers as message types: none runs (before, the first threw in
   * the session's reader and poisoned the class for the application), the session stays.
   */
  @Test
  void messageTypesNamedByAPeerAreNotInitialised() throws Exception {
    Node server = node("server", b -> b);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    Socket s = peer(port, "poisoner", 42);
    RawPeer.send(s, HostilePeerTest.advertiseName("x", 1, Poisoned.Throwing.class));
    RawPeer.send(s, HostilePeerTest.advertiseName("y", 2, Poisoned.Counting.class));
    RawPeer.send(
        s,
        join(
            "g",
            List.of(3L, 4L),
            List.of(Poisoned.Throwing.class.getName(), Poisoned.Counting.class.getName())));
    RawPeer.send(
        s,
        NetworkMessage.newBuilder()
            .setLink(
                io.troupe.internal.cluster.proto.Link.newBuilder()
                    .setActor(999)
                    .setPeerActor(5)
                    .setPeerActorType(Poisoned.Throwing.class.getName()))
            .build());
    RawPeer.roundTrip(s, 1);
    assertEquals(0, Poisoned.initialised.get(), "a peer-named class was initialised");
    assertEquals(Set.of("poisoner"), HostilePeerTest.peerNames(server));
    assertEquals(Optional.empty(), server.registry().whereIs("x"));
    // A type with a codec is still found.
    RawPeer.send(s, HostilePeerTest.advertiseName("z", 6, HostilePeerTest.Ask.class));
    RawPeer.roundTrip(s, 2);
    assertTrue(server.registry().whereIs("z").isPresent());
  }

  // ------------------------------------------------------------------ 11: name conflicts

  /**
   * Two peers register one name: the smaller node id wins whatever the order, the loser is told,
   * and when either goes the name points at the other (before: the last writer won, and the name
   * vanished when the last writer left while the other still held it).
   */
  @Test
  void nameConflictsResolveToTheSmallestNodeIdAndSurviveTheWinnersDeparture() throws Exception {
    Node server = node("server", b -> b);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    Socket small = peer(port, "small", 50);
    Socket large = peer(port, "large", 100);
    RawPeer.send(small, HostilePeerTest.advertiseName("svc", 1, HostilePeerTest.Ask.class));
    RawPeer.roundTrip(small, 1);
    RawPeer.send(large, HostilePeerTest.advertiseName("svc", 2, HostilePeerTest.Ask.class));
    NetworkMessage told =
        RawPeer.readUntil(large.getInputStream(), NetworkMessage.KindCase.NAME_CONFLICT);
    assertEquals("svc", told.getNameConflict().getName());
    assertEquals(50, told.getNameConflict().getWinnerNode());
    assertEquals(Optional.of(50L), ownerOf(server, "svc"), "the later claim of the larger id lost");

    large.close();
    Await.until("large gone", () -> HostilePeerTest.peerNames(server).equals(Set.of("small")));
    assertEquals(Optional.of(50L), ownerOf(server, "svc"));

    Socket again = peer(port, "large", 100);
    RawPeer.send(again, HostilePeerTest.advertiseName("svc", 2, HostilePeerTest.Ask.class));
    RawPeer.readUntil(again.getInputStream(), NetworkMessage.KindCase.NAME_CONFLICT);
    small.close();
    Await.until(
        "small gone, the remaining claim takes over",
        () ->
            HostilePeerTest.peerNames(server).equals(Set.of("large"))
                && ownerOf(server, "svc").equals(Optional.of(100L)));
  }

  /** Two real nodes with one name: the loser hears of it as a NodeEvent.NameConflict. */
  @Test
  void theLoserOfANameConflictIsTold() throws Exception {
    Node x = node("x", b -> b);
    Node y = node("y", b -> b);
    Node winner = x.id() < y.id() ? x : y;
    Node loser = winner == x ? y : x;
    List<NodeEvent> loserEvents = new CopyOnWriteArrayList<>();
    loser.cluster().subscribe(loserEvents::add);
    winner.spawn("svc", new HostilePeerTest.Hoarder(), null);
    loser.spawn("svc", new HostilePeerTest.Hoarder(), null);
    loser.cluster().connect("127.0.0.1", winner.cluster().listen("127.0.0.1", 0).getPort());
    Await.until(
        "the loser is told",
        () ->
            loserEvents.stream()
                .anyMatch(
                    e ->
                        e instanceof NodeEvent.NameConflict c
                            && c.name().equals("svc")
                            && c.winnerNodeId() == winner.id()));
  }

  // ------------------------------------------------------------------ 13: smaller items

  /** One actor with two names: both go when its node disconnects (before, one stayed). */
  @Test
  void everyNameOfAnActorGoesWithItsNode() throws Exception {
    Node server = node("server", b -> b);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    Socket s = peer(port, "twice", 42);
    RawPeer.send(
        s,
        HostilePeerTest.advertiseName("one", 7, HostilePeerTest.Ask.class),
        HostilePeerTest.advertiseName("two", 7, HostilePeerTest.Ask.class));
    RawPeer.roundTrip(s, 1);
    assertTrue(
        server.registry().whereIs("one").isPresent()
            && server.registry().whereIs("two").isPresent());
    s.close();
    Await.until(
        "both names gone",
        () ->
            server.cluster().peers().isEmpty()
                && server.registry().whereIs("one").isEmpty()
                && server.registry().whereIs("two").isEmpty());
  }

  /**
   * A group change with fewer type names than actors is dropped; the session stays (before, an
   * IndexOutOfBoundsException closed it).
   */
  @Test
  void aMalformedGroupChangeIsDroppedNotFatal() throws Exception {
    Node server = node("server", b -> b);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    Socket s = peer(port, "sloppy", 42);
    RawPeer.send(s, join("g", List.of(1L, 2L), List.of(HostilePeerTest.Ask.class.getName())));
    RawPeer.roundTrip(s, 1);
    assertEquals(Set.of("sloppy"), HostilePeerTest.peerNames(server));
    assertEquals(List.of(), server.groups().members("g"));
  }

  /** Node id 0 is refused in the handshake. */
  @Test
  void nodeIdZeroIsRefused() throws Exception {
    Node server = node("server", b -> b);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      try {
        RawPeer.authenticate(s, "nobody", 0, RawPeer.COOKIE);
      } catch (IOException | NullPointerException refused) {
        // closed during the handshake
      }
      HostilePeerTest.readUntilClosed(s.getInputStream());
    }
    assertEquals(List.of(), server.cluster().peers());
  }

  /**
   * A stranger with the wrong cookie causes no event at all (before, NodeConnected with its claimed
   * name).
   */
  @Test
  void noEventForAPeerThatDidNotProveTheCookie() throws Exception {
    Node server = node("server", b -> b);
    List<NodeEvent> events = new CopyOnWriteArrayList<>();
    server.cluster().subscribe(events::add);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      try {
        RawPeer.authenticate(s, "impostor", 42, NodeConfig.generateCookie());
      } catch (IOException | NullPointerException refused) {
        // closed after the wrong proof
      }
    }
    Node friend = node("friend", b -> b);
    friend.cluster().connect("127.0.0.1", port);
    Await.until(
        "the friend is announced",
        () -> events.stream().anyMatch(NodeEvent.NodeAuthenticated.class::isInstance));
    assertTrue(events.stream().allMatch(e -> e.peer().name().equals("friend")), events.toString());
    assertTrue(events.get(0) instanceof NodeEvent.NodeConnected, events.toString());
  }

  /** A node listening on 0.0.0.0 tells its peers the address they reached, not the wildcard. */
  @Test
  void aWildcardListenAddressIsNotAdvertised() throws Exception {
    Node server = node("server", b -> b);
    int port = server.cluster().listen("0.0.0.0", 0).getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      Authenticated theirs = RawPeer.authenticate(s, "asker", 42, RawPeer.COOKIE);
      assertEquals(port, theirs.getListenPort());
      assertNotEquals("0.0.0.0", theirs.getListenHost());
      assertEquals("127.0.0.1", theirs.getListenHost());
    }
  }

  /** Casts queued for a peer when its session drops are counted in the disconnect reason. */
  @Test
  void castsLostWithASessionAreCounted() throws Exception {
    Node server = node("server", b -> b.outbox(64 << 10, Duration.ZERO));
    List<NodeEvent> events = new CopyOnWriteArrayList<>();
    server.cluster().subscribe(events::add);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    Socket stalled = new Socket();
    sockets.add(stalled);
    stalled.setReceiveBufferSize(4096);
    stalled.connect(new java.net.InetSocketAddress("127.0.0.1", port));
    RawPeer.authenticate(stalled, "stalled", 42, RawPeer.COOKIE);
    RawPeer.send(stalled, HostilePeerTest.advertiseName("sink", 7, FlowControlTest.Note.class));
    RawPeer.roundTrip(stalled, 1);
    @SuppressWarnings("unchecked")
    ActorRef<FlowControlTest.Note> sink =
        (ActorRef<FlowControlTest.Note>) server.registry().whereIs("sink").orElseThrow();
    int busyInARow = 0; // until the outbox stays full: the writer is stuck on the full socket
    for (int i = 0; i < 200_000 && busyInARow < 100; i++) {
      try {
        sink.cast(new FlowControlTest.Note.Text("x".repeat(1000)));
        busyInARow = 0;
      } catch (PeerBusyException full) {
        busyInARow++;
        Thread.sleep(1);
      }
    }
    assertEquals(100, busyInARow);
    server.cluster().disconnect("stalled");
    Await.until(
        "disconnected",
        () -> events.stream().anyMatch(NodeEvent.NodeDisconnected.class::isInstance));
    String reason =
        events.stream()
            .filter(NodeEvent.NodeDisconnected.class::isInstance)
            .map(e -> ((NodeEvent.NodeDisconnected) e).reason())
            .findFirst()
            .orElseThrow();
    assertTrue(
        reason.matches(".*; \\d+ casts and calls queued for the peer were not sent"), reason);
    assertFalse(reason.contains("; 0 casts"), reason);
  }

  /** Unused helper kept for symmetry with release(): a release frees the name at once. */
  @Test
  void aReleasedNameIsGone() throws Exception {
    Node server = node("server", b -> b);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    Socket s = peer(port, "brief", 42);
    RawPeer.send(
        s,
        HostilePeerTest.advertiseName("brief", 7, HostilePeerTest.Ask.class),
        release("brief", 7));
    RawPeer.roundTrip(s, 1);
    assertEquals(Optional.empty(), server.registry().whereIs("brief"));
    RawPeer.send(s, NetworkMessage.newBuilder().setPing(Ping.newBuilder().setSequence(9)).build());
  }
}
