package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.cluster.HonestErrorsTest.Picky;
import io.troupe.rpc.CallFailure;
import io.troupe.rpc.CallResult;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What closing a clustered node does on the side that holds proxies (the remote-actor layer's
 * close, after the cluster's): by the time {@code close()} returns, every proxy the node held has
 * ended as if its node had disconnected (stopped, out of the node's groups and names); calls still
 * waiting for a remote answer complete with {@code SenderError(NODE_DISCONNECTED)} instead of
 * waiting out their timeout; whoever monitors a proxy is told it terminated; the peer sees the
 * session end; and closing again changes nothing.
 */
class RemoteActorsCloseTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  private Node node(String name, NodeConfig config) {
    Node n = config == null ? Node.create(name) : Node.create(name, config);
    nodes.add(n);
    return n;
  }

  private Node clustered(String name) {
    return node(
        name,
        NodeConfig.builder()
            .cookie(RawPeer.COOKIE)
            .keepalive(Duration.ofMillis(200), Duration.ofSeconds(5))
            .build());
  }

  @Test
  void closingANodeEndsTheProxiesItHoldsAndFailsItsCallsAtOnce() throws Exception {
    Node b = clustered("desk-b");
    HonestErrorsTest.PickyActor actor = new HonestErrorsTest.PickyActor(); // keeps Hoard's port
    ActorRef<Picky> desk = b.spawn("desk", actor, null);
    b.groups().join("desks", List.of(desk));
    List<NodeEvent> bEvents = new CopyOnWriteArrayList<>();
    b.cluster().subscribe(bEvents::add);

    Node a = clustered("desk-a");
    a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    ActorRef<Picky> proxy = a.cluster().awaitName("desk", Picky.class, WAIT);
    Await.until("a sees the desk in its group", () -> a.groups().members("desks").contains(proxy));

    // A watcher on a third node of this JVM, which outlives a.
    Node c = node("desk-c", null);
    Behaviours.EventRecorder<Object> recorder = new Behaviours.EventRecorder<>();
    ActorRef<Object> watcher = c.spawn(null, recorder, null);
    watcher.monitor(proxy);

    CompletableFuture<CallResult<String>> pending =
        proxy.callAsync(Picky.Hoard::new, Duration.ofSeconds(120));
    Await.until("the call reached the desk", () -> actor.hoarded.size() == 1);

    a.close();

    // Checked before anything else can run: close has already ended the proxy.
    assertEquals(ActorStatus.STOPPED, proxy.status());
    assertTrue(proxy.awaitExit(Duration.ZERO), "the proxy's end is complete");
    assertEquals(Optional.empty(), a.registry().whereIs("desk"), "the proxy's name is released");
    assertEquals(List.of(), a.groups().members("desks"), "the proxy left the node's groups");

    // The pending call fails as disconnected, long before its 120 s timeout.
    CallResult<String> answer = pending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(
        answer instanceof CallResult.SenderError<String> e
            && e.reason() == CallFailure.NODE_DISCONNECTED,
        "the pending call completed with " + answer);

    // The watcher is told the proxy terminated, as for a node that disconnected.
    Await.until(
        "the watcher is told",
        () -> !recorder.eventsOf(SupervisionEvent.ActorTerminated.class).isEmpty());
    SupervisionEvent.ActorTerminated end =
        recorder.eventsOf(SupervisionEvent.ActorTerminated.class).get(0);
    assertEquals(proxy, end.actor());
    assertEquals(Optional.of("node disconnected"), end.reason());

    // The proxy refuses messages for good, saying to look the actor up again.
    MessagingException refused =
        assertThrows(MessagingException.class, () -> proxy.cast(new Picky.Known(1)));
    assertTrue(refused.getMessage().contains("look the actor up again"), refused.getMessage());
    assertThrows(MessagingException.class, () -> proxy.callAsync(Picky.Hoard::new, WAIT));

    // The peer sees the session end; its actor lives on.
    Await.until(
        "b sees a leave",
        () -> bEvents.stream().anyMatch(NodeEvent.NodeDisconnected.class::isInstance));
    assertEquals(List.of(), b.cluster().peers());
    assertEquals(ActorStatus.RUNNING, desk.status());

    // Closing again is harmless: nothing more is told or thrown.
    a.close();
    assertEquals(1, recorder.eventsOf(SupervisionEvent.ActorTerminated.class).size());
    assertEquals(1, recorder.events.size());
  }
}
