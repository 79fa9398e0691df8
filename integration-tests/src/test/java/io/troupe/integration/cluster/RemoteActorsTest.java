package io.troupe.integration.cluster;

import static io.troupe.integration.cluster.LocalNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.Node;
import io.troupe.annotation.ClusterMessage;
import io.troupe.cluster.NodeConfig;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Actors in process groups are reachable from other nodes through typed facades. */
public class RemoteActorsTest {

  @ClusterMessage
  public sealed interface TallyMsg {
    record Add(int amount) implements TallyMsg {}

    record Total(RpcReplyPort<Integer> reply) implements TallyMsg {}

    /** Never answered: shows what a pending call does when the node goes away. */
    record Hang(RpcReplyPort<Integer> reply) implements TallyMsg {}
  }

  /** A tally that joins "tallies" when it starts. */
  public static final class Tally implements Actor<TallyMsg, int[], Void> {
    @Override
    public int[] preStart(ActorRef<TallyMsg> self, Void args) {
      self.node().groups().join("tallies", List.of(self));
      return new int[1];
    }

    @Override
    public int[] handle(ActorRef<TallyMsg> self, TallyMsg message, int[] total) {
      switch (message) {
        case TallyMsg.Add add -> total[0] += add.amount();
        case TallyMsg.Total t -> t.reply().send(total[0]);
        case TallyMsg.Hang h -> {}
      }
      return total;
    }
  }

  @RegisterExtension final LocalNodes cluster = new LocalNodes(NodeConfig.generateCookie());

  private Node node(String name) {
    return cluster.node(name);
  }

  @SuppressWarnings("unchecked")
  private static ActorRef<TallyMsg> onlyMember(Node n) {
    return (ActorRef<TallyMsg>) n.groups().members("tallies").getFirst();
  }

  @Test
  void aGroupMemberOnAnotherNodeIsReachableThroughItsFacade() {
    Node a = node("a");
    Node b = node("b");
    ActorRef<TallyMsg> local =
        b.spawn("tally", new Tally(), null); // joins before the nodes connect
    a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    assertEquals(
        1, a.groups().members("tallies").size(), "connect returns once the peer's groups are here");
    ActorRef<TallyMsg> remote = onlyMember(a);
    assertFalse(remote.id().isLocal());
    assertEquals(local.id().local(), remote.id().local());
    assertEquals(List.of(), a.groups().localMembers("tallies"));
    TallyMsgRef tally = TallyMsgRef.from(remote);
    tally.add(40);
    tally.add(2);
    assertEquals(42, tally.total(Duration.ofSeconds(5)));
    assertEquals(42, tally.totalAsync(Duration.ofSeconds(5)).join());
  }

  @Test
  void joinsAfterConnectingAndLeavesByStoppingPropagate() {
    Node a = node("a");
    Node b = node("b");
    a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    ActorRef<TallyMsg> local = b.spawn(new Tally(), null);
    a.cluster()
        .awaitMember(
            "tallies", Duration.ofSeconds(10)); // joined after the connect: it arrives later
    ActorRef<TallyMsg> remote = onlyMember(a);
    assertTrue(local.stopAndWait(null, Duration.ofSeconds(5)));
    await("the member left", () -> a.groups().members("tallies").isEmpty());
  }

  @Test
  void whenTheNodeGoesAwayPendingCallsFailAndItsActorsLeave() throws Exception {
    Node a = node("a");
    Node b = node("b");
    b.spawn(new Tally(), null);
    a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    assertEquals(
        1, a.groups().members("tallies").size(), "connect returns once the peer's groups are here");
    ActorRef<TallyMsg> remote = onlyMember(a);
    CompletableFuture<CallResult<Integer>> hanging =
        remote.callAsync(TallyMsg.Hang::new, Duration.ofMinutes(1));
    b.close();
    assertInstanceOf(CallResult.SenderError.class, hanging.get(10, TimeUnit.SECONDS));
    await("the member left", () -> a.groups().members("tallies").isEmpty());
    assertEquals(ActorStatus.STOPPED, remote.status());
    assertThrows(io.troupe.MessagingException.class, () -> TallyMsgRef.from(remote).add(1));
    assertThrows(
        RuntimeException.class, () -> TallyMsgRef.from(remote).total(Duration.ofSeconds(1)));
  }

  @Test
  void aNamedActorOnAnotherNodeIsFoundByNameUntilItStops() {
    Node a = node("a");
    Node b = node("b");
    ActorRef<TallyMsg> before =
        b.spawn("early-tally", new Tally(), null); // named before connecting
    a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    b.spawn("late-tally", new Tally(), null); // named after
    await(
        "both names",
        () ->
            a.registry().whereIs("early-tally").isPresent()
                && a.registry().whereIs("late-tally").isPresent());
    ActorRef<TallyMsg> remote = a.registry().whereIs("late-tally", TallyMsg.class).orElseThrow();
    assertFalse(remote.id().isLocal());
    TallyMsgRef tally = TallyMsgRef.from(remote);
    tally.add(7);
    assertEquals(7, tally.total(Duration.ofSeconds(5)));
    assertTrue(a.registry().registered().contains("early-tally"));
    assertTrue(before.stopAndWait(null, Duration.ofSeconds(5)));
    await("the name released", () -> a.registry().whereIs("early-tally").isEmpty());
  }

  /** Records the supervision events it receives. */
  static final class Watcher implements Actor<String, Void, Void> {
    final List<io.troupe.supervision.SupervisionEvent> events =
        new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Void preStart(ActorRef<String> self, Void args) {
      return null;
    }

    @Override
    public Void handleSupervisorEvent(
        ActorRef<String> self, io.troupe.supervision.SupervisionEvent event, Void state) {
      events.add(event);
      return null;
    }

    String reason() {
      return events.stream()
          .filter(io.troupe.supervision.SupervisionEvent.ActorTerminated.class::isInstance)
          .map(
              e -> ((io.troupe.supervision.SupervisionEvent.ActorTerminated) e).reason().orElse(""))
          .findFirst()
          .orElse(null);
    }
  }

  @Test
  void monitorsOfARemoteActorLearnWhenItStopsOrItsNodeGoesAway() {
    Node a = node("a");
    Node b = node("b");
    Node c = node("c");
    ActorRef<TallyMsg> onB = b.spawn("on-b", new Tally(), null);
    c.spawn("on-c", new Tally(), null);
    int aPort = a.cluster().listen("127.0.0.1", 0).getPort();
    b.cluster().connect("127.0.0.1", aPort);
    c.cluster().connect("127.0.0.1", aPort);
    await(
        "both names",
        () -> a.registry().whereIs("on-b").isPresent() && a.registry().whereIs("on-c").isPresent());
    Watcher stops = new Watcher();
    Watcher disconnects = new Watcher();
    a.spawn(stops, null).monitor(a.registry().whereIs("on-b").orElseThrow());
    a.spawn(disconnects, null).monitor(a.registry().whereIs("on-c").orElseThrow());
    assertTrue(onB.stopAndWait("finished", Duration.ofSeconds(5)));
    await("the stop seen", () -> stops.reason() != null);
    assertEquals("finished", stops.reason()); // the actor's own reason travels
    c.close();
    await("the disconnect seen", () -> disconnects.reason() != null);
    assertEquals("node disconnected", disconnects.reason());
  }
}
