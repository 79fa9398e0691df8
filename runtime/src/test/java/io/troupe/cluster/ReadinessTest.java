package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code connect} returns once the peer's names and groups are visible ({@code NodeReady}), and
 * {@code awaitName}/{@code awaitMembers} wait for what shows up later, with a deadline.
 */
class ReadinessTest {
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

  /** A Picky actor (it has a codec) that joins {@code group} as it starts. */
  private static HonestErrorsTest.PickyActor member(String group) {
    return new HonestErrorsTest.PickyActor() {
      @Override
      public Void preStart(ActorRef<HonestErrorsTest.Picky> self, Void args) {
        self.node().groups().join(group, List.of(self));
        return null;
      }
    };
  }

  /**
   * Right after connect returns, every name and member of the peer is found, in both directions,
   * with no waiting (before, connect returned at authentication, and whereIs was empty).
   */
  @Test
  void connectReturnsOnceThePeersNamesAndGroupsAreVisible() {
    for (int round = 0; round < 10; round++) {
      Node server = node("server" + round);
      Node client = node("client" + round);
      for (int i = 0; i < 100; i++) {
        server.spawn("s" + i, member("workers"), null);
        client.spawn("c" + i, member("clients"), null);
      }
      client.cluster().connect("127.0.0.1", server.cluster().listen("127.0.0.1", 0).getPort());
      for (int i = 0; i < 100; i++) {
        assertTrue(client.registry().whereIs("s" + i).isPresent(), "round " + round + ": s" + i);
      }
      assertEquals(100, client.groups().members("workers").size(), "round " + round);
      // The accepting side is ready once the client's Ready arrives: awaited, not assumed.
      assertEquals(
          100, server.cluster().awaitMembers("clients", 100, Duration.ofSeconds(10)).size());
      server.close();
      client.close();
    }
  }

  /**
   * 20 rounds: connect returning before NodeReady reached the listeners failed about one run in
   * ten.
   */
  @Test
  void bothSidesPublishNodeReadyAfterNodeAuthenticated() throws Exception {
    for (int round = 0; round < 20; round++) {
      Node server = node("server" + round);
      Node client = node("client" + round);
      List<NodeEvent> onServer = new CopyOnWriteArrayList<>();
      List<NodeEvent> onClient = new CopyOnWriteArrayList<>();
      CompletableFuture<PeerInfo> serverReady = new CompletableFuture<>();
      server
          .cluster()
          .subscribe(
              e -> {
                onServer.add(e);
                if (e instanceof NodeEvent.NodeReady r) {
                  serverReady.complete(r.peer());
                }
              });
      client.cluster().subscribe(onClient::add);
      PeerInfo peer =
          client.cluster().connect("127.0.0.1", server.cluster().listen("127.0.0.1", 0).getPort());
      assertEquals(
          List.of(
              NodeEvent.NodeConnected.class,
              NodeEvent.NodeAuthenticated.class,
              NodeEvent.NodeReady.class),
          onClient.stream().map(Object::getClass).toList(),
          "round " + round);
      assertEquals(peer, ((NodeEvent.NodeReady) onClient.get(2)).peer());
      assertEquals("client" + round, serverReady.get(10, TimeUnit.SECONDS).name());
      assertEquals(NodeEvent.NodeReady.class, onServer.get(2).getClass());
      server.close();
      client.close();
    }
  }

  @Test
  void awaitNameWaitsForALaterRegistrationOnAPeer() throws Exception {
    Node server = node("server");
    Node client = node("client");
    client.cluster().connect("127.0.0.1", server.cluster().listen("127.0.0.1", 0).getPort());
    CompletableFuture<ActorRef<?>> found =
        CompletableFuture.supplyAsync(
            () -> client.cluster().awaitName("late", Duration.ofSeconds(20)));
    CompletableFuture<ActorRef<HonestErrorsTest.Picky>> typed =
        CompletableFuture.supplyAsync(
            () ->
                client
                    .cluster()
                    .awaitName("late", HonestErrorsTest.Picky.class, Duration.ofSeconds(20)));
    assertFalse(found.isDone());
    ActorRef<?> late = server.spawn("late", new HonestErrorsTest.PickyActor(), null);
    assertEquals(late.id().local(), found.get(20, TimeUnit.SECONDS).id().local());
    assertEquals(late.id().node(), found.get().id().node());
    assertEquals(late.id().local(), typed.get(20, TimeUnit.SECONDS).id().local());
    assertFalse(found.get().id().isLocal());
  }

  @Test
  void awaitMembersWaitsForTheCountAcrossNodes() throws Exception {
    Node a = node("a");
    Node b = node("b");
    a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    CompletableFuture<List<ActorRef<?>>> three =
        CompletableFuture.supplyAsync(
            () -> a.cluster().awaitMembers("pool", 3, Duration.ofSeconds(20)));
    a.spawn(member("pool"), null);
    b.spawn(member("pool"), null);
    b.spawn(member("pool"), null);
    assertEquals(3, three.get(20, TimeUnit.SECONDS).size());
    assertTrue(a.groups().members("pool").contains(a.cluster().awaitMember("pool", Duration.ZERO)));
  }

  @Test
  void waitsThatTimeOutSayWhatWasMissing() {
    Node a = node("a");
    Node b = node("b");
    a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    ClusterException name =
        assertThrows(
            ClusterException.class, () -> a.cluster().awaitName("nobody", Duration.ofMillis(100)));
    assertTrue(
        name.getMessage().contains("\"nobody\"") && name.getMessage().contains("\"b\""),
        name.getMessage());
    ClusterException group =
        assertThrows(
            ClusterException.class, () -> a.cluster().awaitMember("empty", Duration.ofMillis(100)));
    assertTrue(
        group.getMessage().contains("\"empty\"") && group.getMessage().contains("it has 0"),
        group.getMessage());
  }

  @Test
  void connectAsyncCompletesWhenReady() throws Exception {
    Node server = node("server");
    Node client = node("client");
    server.spawn("there", new HonestErrorsTest.PickyActor(), null);
    PeerInfo peer =
        client
            .cluster()
            .connectAsync("127.0.0.1", server.cluster().listen("127.0.0.1", 0).getPort())
            .get(20, TimeUnit.SECONDS);
    assertEquals("server", peer.name());
    assertTrue(client.registry().whereIs("there").isPresent());
    CompletableFuture<PeerInfo> refused = client.cluster().connectAsync("127.0.0.1", 1);
    Exception e =
        assertThrows(
            java.util.concurrent.ExecutionException.class, () -> refused.get(20, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof ClusterException, String.valueOf(e.getCause()));
  }
}
