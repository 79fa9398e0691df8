package io.troupe.integration.cluster;

import static io.troupe.integration.cluster.LocalNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.Node;
import io.troupe.annotation.ClusterMessage;
import io.troupe.cluster.NodeConfig;
import io.troupe.cluster.RemoteActorFailure;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stop, kill, drain and supervision links between actors of different nodes. */
@Timeout(60)
public class RemoteSupervisionTest {

  @ClusterMessage
  public sealed interface WorkMsg {
    record Work(int amount) implements WorkMsg {}

    record Fail(String why) implements WorkMsg {}

    record Done(RpcReplyPort<Integer> reply) implements WorkMsg {}
  }

  /** Counts work; fails on demand; counts its postStop runs in {@code stops}. */
  public static final class Worker implements Actor<WorkMsg, int[], AtomicInteger> {
    private final List<SupervisionEvent> events = new CopyOnWriteArrayList<>();
    private final boolean recordOnly;
    private AtomicInteger stops;

    Worker() {
      this(false);
    }

    /**
     * @param recordOnly true: record supervision events instead of the default reaction
     */
    Worker(boolean recordOnly) {
      this.recordOnly = recordOnly;
    }

    @Override
    public int[] preStart(ActorRef<WorkMsg> self, AtomicInteger stops) {
      this.stops = stops;
      return new int[1];
    }

    @Override
    public int[] handle(ActorRef<WorkMsg> self, WorkMsg message, int[] done) throws Exception {
      switch (message) {
        case WorkMsg.Work w -> done[0] += w.amount();
        case WorkMsg.Fail f -> throw new IllegalStateException(f.why());
        case WorkMsg.Done d -> d.reply().send(done[0]);
      }
      return done;
    }

    @Override
    public int[] handleSupervisorEvent(ActorRef<WorkMsg> self, SupervisionEvent event, int[] state)
        throws Exception {
      if (recordOnly) {
        events.add(event);
        return state;
      }
      return Actor.super.handleSupervisorEvent(self, event, state);
    }

    @Override
    public void postStop(ActorRef<WorkMsg> self, int[] state) {
      if (stops != null) {
        stops.incrementAndGet();
      }
    }

    /** The first end event (terminated or failed) received, or null. */
    SupervisionEvent ending() {
      return events.stream()
          .filter(
              e ->
                  e instanceof SupervisionEvent.ActorTerminated
                      || e instanceof SupervisionEvent.ActorFailed)
          .findFirst()
          .orElse(null);
    }

    long endings() {
      return events.stream()
          .filter(
              e ->
                  e instanceof SupervisionEvent.ActorTerminated
                      || e instanceof SupervisionEvent.ActorFailed)
          .count();
    }
  }

  @RegisterExtension final LocalNodes cluster = new LocalNodes(NodeConfig.generateCookie());

  private Node node(String name) {
    return cluster.node(name);
  }

  /** Connects a to b and returns a's proxy of b's actor registered as {@code name}. */
  @SuppressWarnings("unchecked")
  private static ActorRef<WorkMsg> connectAndFind(Node a, Node b, String name) {
    a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    ActorRef<WorkMsg> remote = a.registry().whereIs(name, WorkMsg.class).orElseThrow();
    assertFalse(remote.id().isLocal());
    return remote;
  }

  private static String terminatedReason(SupervisionEvent event) {
    return ((SupervisionEvent.ActorTerminated) event).reason().orElse("<none>");
  }

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The reason of the end {@code probe} hears of next (it watches or supervises the actor). */
  private static String endReason(TestProbe<?> probe) {
    return probe
        .expectSupervisionEvent(SupervisionEvent.ActorTerminated.class, WAIT)
        .reason()
        .orElse("<none>");
  }

  // ------------------------------------------------------------------ stop, kill, drain

  @Test
  void stopOnARemoteRefStopsTheActorOnItsNodeAndMonitorsSeeTheReason() {
    Node a = node("a");
    Node b = node("b");
    AtomicInteger stops = new AtomicInteger();
    ActorRef<WorkMsg> onB = b.spawn("worker", new Worker(), stops);
    ActorRef<WorkMsg> remote = connectAndFind(a, b, "worker");
    TestProbe<Object> watcher = TestProbe.spawn(a).watch(remote);

    assertTrue(remote.stopAndWait("enough", Duration.ofSeconds(10)));
    assertTrue(onB.awaitExit(Duration.ofSeconds(10)));
    assertEquals(1, stops.get()); // a graceful stop: postStop ran there
    assertEquals(ActorStatus.STOPPED, remote.status());
    assertEquals("enough", endReason(watcher));
    assertThrows(io.troupe.MessagingException.class, () -> WorkMsgRef.from(remote).work(1));
    remote.stop("again"); // a stopped proxy ignores further requests
  }

  @Test
  void killOnARemoteRefEndsTheActorWithoutPostStop() {
    Node a = node("a");
    Node b = node("b");
    AtomicInteger stops = new AtomicInteger();
    ActorRef<WorkMsg> onB = b.spawn("worker", new Worker(), stops);
    ActorRef<WorkMsg> remote = connectAndFind(a, b, "worker");
    TestProbe<Object> watcher = TestProbe.spawn(a).watch(remote);

    assertTrue(remote.killAndWait(Duration.ofSeconds(10)));
    assertTrue(onB.awaitExit(Duration.ofSeconds(10)));
    assertEquals(0, stops.get());
    assertEquals("killed", endReason(watcher));
  }

  @Test
  void drainOnARemoteRefHandlesWhatWasSentFirst() {
    Node a = node("a");
    Node b = node("b");
    AtomicInteger stops = new AtomicInteger();
    ActorRef<WorkMsg> onB = b.spawn("worker", new Worker(), stops);
    ActorRef<WorkMsg> remote = connectAndFind(a, b, "worker");
    TestProbe<Object> watcher =
        TestProbe.spawn(b).watch(onB); // on the actor's own node: sees its final state
    WorkMsgRef facade = WorkMsgRef.from(remote);
    for (int i = 0; i < 100; i++) {
      facade.work(1); // sent before the drain on the same session: admitted first
    }
    assertTrue(remote.drainAndWait(Duration.ofSeconds(10)));
    SupervisionEvent.ActorTerminated end =
        watcher.expectSupervisionEvent(SupervisionEvent.ActorTerminated.class, WAIT);
    assertEquals(Optional.of("drained"), end.reason());
    assertEquals(100, ((int[]) end.lastState().orElseThrow())[0]);
  }

  // ------------------------------------------------------------------ a local supervisor of a
  // remote child

  @RepeatedTest(3)
  void aLocalSupervisorHearsOfItsRemoteChildFailingWithTheErrorText() {
    Node a = node("a");
    Node b = node("b");
    ActorRef<WorkMsg> onB = b.spawn("worker", new Worker(), null);
    ActorRef<WorkMsg> remote = connectAndFind(a, b, "worker");
    TestProbe<Object> supervisor = TestProbe.spawn(a);
    ActorRef<Object> sup = supervisor.ref();
    remote.link(sup);
    assertEquals(Optional.of(sup), remote.supervisor());
    assertEquals(List.of(remote), sup.children());
    await("the link known on b", () -> onB.supervisor().isPresent());
    assertFalse(onB.supervisor().orElseThrow().id().isLocal());
    assertEquals(sup.id().local(), onB.supervisor().orElseThrow().id().local());

    WorkMsgRef.from(remote).fail("boom");
    SupervisionEvent.ActorFailed failed =
        supervisor.expectSupervisionEvent(SupervisionEvent.ActorFailed.class, WAIT);
    assertEquals(remote, failed.actor());
    RemoteActorFailure error = assertInstanceOf(RemoteActorFailure.class, failed.error());
    assertEquals(IllegalStateException.class.getName(), error.errorType());
    assertTrue(error.getMessage().endsWith("boom"), error.getMessage());
    await("the child list emptied", () -> sup.children().isEmpty());
    supervisor.expectNoSupervisionEvent(Duration.ofMillis(200)); // told once
  }

  @Test
  void aLocalSupervisorStopsByDefaultWhenItsRemoteChildStops() {
    Node a = node("a");
    Node b = node("b");
    ActorRef<WorkMsg> onB = b.spawn("worker", new Worker(), null);
    ActorRef<WorkMsg> remote = connectAndFind(a, b, "worker");
    ActorRef<WorkMsg> sup =
        a.spawn(new Worker(), null); // the default reaction: stop with the child
    remote.link(sup);
    await("the link known on b", () -> onB.supervisor().isPresent());
    assertTrue(onB.stopAndWait("finished", Duration.ofSeconds(10)));
    assertTrue(sup.awaitExit(Duration.ofSeconds(10)));
  }

  @Test
  void aSupervisorThatEndsKillsItsRemoteChild() {
    Node a = node("a");
    Node b = node("b");
    AtomicInteger stops = new AtomicInteger();
    ActorRef<WorkMsg> onB = b.spawn("worker", new Worker(), stops);
    ActorRef<WorkMsg> remote = connectAndFind(a, b, "worker");
    ActorRef<WorkMsg> sup = a.spawn(new Worker(true), null);
    remote.link(sup);
    await("the link known on b", () -> onB.supervisor().isPresent());
    assertTrue(sup.stopAndWait(null, Duration.ofSeconds(10)));
    assertTrue(onB.awaitExit(Duration.ofSeconds(10)));
    assertEquals(0, stops.get()); // killed, as ractor does with the children of an ended supervisor
  }

  @Test
  void aRemoteChildIsKilledWhenItsSupervisorsNodeGoesAwayAndTheSupervisorHearsOfTheDisconnect() {
    Node a = node("a");
    Node b = node("b");
    ActorRef<WorkMsg> onB = b.spawn("worker", new Worker(), null);
    ActorRef<WorkMsg> remote = connectAndFind(a, b, "worker");
    TestProbe<Object> supervisor = TestProbe.spawn(a);
    ActorRef<Object> sup = supervisor.ref();
    remote.link(sup);
    await("the link known on b", () -> onB.supervisor().isPresent());
    a.cluster().disconnect("b");
    assertEquals("node disconnected", endReason(supervisor));
    assertTrue(onB.awaitExit(Duration.ofSeconds(10)), "the orphaned child ends on its node");
    assertTrue(sup.status().acceptsMessages());
  }

  /**
   * Links are not restored by a reconnect: the old proxy stays ended; a new one can be linked
   * afresh.
   */
  @Test
  void afterAReconnectOldLinksStayEndedAndNewProxiesCanBeLinkedAgain() {
    Node a = node("a");
    Node b = node("b");
    ActorRef<WorkMsg> linkedOnB = b.spawn("linked", new Worker(), null);
    ActorRef<WorkMsg> survivorOnB = b.spawn("survivor", new Worker(), null);
    int port = b.cluster().listen("127.0.0.1", 0).getPort();
    a.cluster().connect("127.0.0.1", port);
    await("the linked one's name", () -> a.registry().whereIs("linked").isPresent());
    ActorRef<WorkMsg> linked = a.registry().whereIs("linked", WorkMsg.class).orElseThrow();
    await("the survivor's name", () -> a.registry().whereIs("survivor").isPresent());
    ActorRef<WorkMsg> oldSurvivor = a.registry().whereIs("survivor", WorkMsg.class).orElseThrow();
    TestProbe<Object> supervisor = TestProbe.spawn(a);
    ActorRef<Object> sup = supervisor.ref();
    linked.link(sup);
    await("the link known on b", () -> linkedOnB.supervisor().isPresent());

    a.cluster().disconnect("b");
    supervisor.expectSupervisionEvent(SupervisionEvent.ActorTerminated.class, WAIT);
    assertTrue(
        linkedOnB.awaitExit(Duration.ofSeconds(10)), "the linked child ends with the session");
    assertEquals(ActorStatus.RUNNING, survivorOnB.status()); // an unlinked actor is not touched
    await("the old proxy ended", () -> oldSurvivor.status() == ActorStatus.STOPPED);
    a.cluster().connect("127.0.0.1", port);
    await(
        "the survivor again",
        () -> a.registry().whereIs("survivor").filter(r -> r != oldSurvivor).isPresent());
    ActorRef<WorkMsg> newSurvivor = a.registry().whereIs("survivor", WorkMsg.class).orElseThrow();
    assertFalse(a.registry().whereIs("linked").isPresent());
    assertNotSame(oldSurvivor, newSurvivor);
    assertEquals(ActorStatus.STOPPED, oldSurvivor.status()); // ended with the old session, for good
    assertTrue(newSurvivor.status().acceptsMessages());
    assertEquals(ActorStatus.STOPPED, linked.status());
    assertEquals(List.of(), sup.children()); // nothing re-linked by itself

    TestProbe<Object> second = TestProbe.spawn(a);
    newSurvivor.link(second.ref());
    await("the new link known on b", () -> survivorOnB.supervisor().isPresent());
    assertTrue(survivorOnB.stopAndWait("after the reconnect", Duration.ofSeconds(10)));
    assertEquals("after the reconnect", endReason(second));
    supervisor.expectNoSupervisionEvent(
        Duration.ofMillis(200)); // the first supervisor heard nothing more
  }

  @Test
  void unlinkEndsTheRelationshipOnBothNodes() {
    Node a = node("a");
    Node b = node("b");
    ActorRef<WorkMsg> onB = b.spawn("worker", new Worker(), null);
    ActorRef<WorkMsg> remote = connectAndFind(a, b, "worker");
    ActorRef<WorkMsg> sup = a.spawn(new Worker(), null); // would stop if still the supervisor
    TestProbe<Object> sentinel = TestProbe.spawn(a).watch(remote);
    remote.link(sup);
    await("the link known on b", () -> onB.supervisor().isPresent());
    remote.unlink(sup);
    assertEquals(List.of(), sup.children());
    assertEquals(Optional.empty(), remote.supervisor());
    await("the unlink known on b", () -> onB.supervisor().isEmpty());
    assertTrue(onB.stopAndWait(null, Duration.ofSeconds(10)));
    sentinel.expectSupervisionEvent(SupervisionEvent.ActorTerminated.class, WAIT);
    // The supervision lane comes before messages: had sup been told, it would have stopped first.
    assertEquals(0, WorkMsgRef.of(sup).done(Duration.ofSeconds(5)));
    assertTrue(sup.status().acceptsMessages());
  }

  // ------------------------------------------------------------------ a remote supervisor of a
  // local child

  @RepeatedTest(3)
  void aRemoteSupervisorHearsOfItsLocalChildFailing() {
    Node a = node("a");
    Node b = node("b");
    Worker supervisor = new Worker(true);
    ActorRef<WorkMsg> supOnB = b.spawn("supervisor", supervisor, null);
    ActorRef<WorkMsg> remoteSup = connectAndFind(a, b, "supervisor");
    ActorRef<WorkMsg> child = a.spawn(new Worker(), null);
    child.link(remoteSup);
    assertEquals(Optional.of(remoteSup), child.supervisor());
    assertEquals(List.of(child), remoteSup.children());
    await("the child known on b", () -> supOnB.children().size() == 1);
    ActorRef<?> childOnB = supOnB.children().getFirst();
    assertEquals(child.id().local(), childOnB.id().local());
    assertFalse(childOnB.id().isLocal());

    WorkMsgRef.of(child).fail("bad input");
    await("the supervisor told", () -> supervisor.ending() != null);
    SupervisionEvent.ActorFailed failed =
        assertInstanceOf(SupervisionEvent.ActorFailed.class, supervisor.ending());
    assertEquals(childOnB, failed.actor());
    assertTrue(failed.error().getMessage().endsWith("bad input"));
    await("b's child list emptied", () -> supOnB.children().isEmpty());
    assertTrue(remoteSup.children().isEmpty());
  }

  @Test
  void aLocalChildIsKilledWhenItsRemoteSupervisorEnds() {
    Node a = node("a");
    Node b = node("b");
    ActorRef<WorkMsg> supOnB = b.spawn("supervisor", new Worker(true), null);
    ActorRef<WorkMsg> remoteSup = connectAndFind(a, b, "supervisor");
    AtomicInteger stops = new AtomicInteger();
    ActorRef<WorkMsg> child = a.spawn(new Worker(), stops);
    child.link(remoteSup);
    await("the child known on b", () -> supOnB.children().size() == 1);
    assertTrue(supOnB.stopAndWait(null, Duration.ofSeconds(10)));
    assertTrue(child.awaitExit(Duration.ofSeconds(10)));
    assertEquals(0, stops.get());
  }

  @Test
  void aLocalChildIsKilledWhenItsRemoteSupervisorsNodeGoesAway() {
    Node a = node("a");
    Node b = node("b");
    Worker supervisor = new Worker(true);
    ActorRef<WorkMsg> supOnB = b.spawn("supervisor", supervisor, null);
    ActorRef<WorkMsg> remoteSup = connectAndFind(a, b, "supervisor");
    ActorRef<WorkMsg> child = a.spawn(new Worker(), null);
    child.link(remoteSup);
    await("the child known on b", () -> supOnB.children().size() == 1);
    b.cluster().disconnect("a");
    assertTrue(child.awaitExit(Duration.ofSeconds(10)));
    await("the supervisor told", () -> supervisor.ending() != null);
    assertEquals("node disconnected", terminatedReason(supervisor.ending()));
  }

  @Test
  void aRemoteActorCannotBeLinkedToAnotherRemoteActor() {
    Node a = node("a");
    Node b = node("b");
    b.spawn("one", new Worker(), null);
    b.spawn("two", new Worker(), null);
    ActorRef<WorkMsg> one = connectAndFind(a, b, "one");
    await("two", () -> a.registry().whereIs("two").isPresent());
    ActorRef<?> two = a.registry().whereIs("two").orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> one.link(two));
    // A remote ref held by node a cannot supervise an actor of node b (or any other node).
    ActorRef<WorkMsg> onB = b.spawn(new Worker(), null);
    assertThrows(IllegalArgumentException.class, () -> onB.link(one));
    assertEquals(Optional.empty(), onB.supervisor());
  }
}
