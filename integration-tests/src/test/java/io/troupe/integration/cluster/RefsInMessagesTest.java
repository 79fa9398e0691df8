package io.troupe.integration.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.annotation.ClusterMessage;
import io.troupe.cluster.NodeConfig;
import io.troupe.cluster.PeerInfo;
import io.troupe.codec.CodecException;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Refs inside {@code @ClusterMessage} records across two nodes: reply-to refs, facades, refs that
 * come home, the export table's lifetime and bound.
 */
public class RefsInMessagesTest {

  @ClusterMessage
  public sealed interface ListenerMsg {
    record Event(String text) implements ListenerMsg {}
  }

  @ClusterMessage
  public sealed interface HubMsg {
    /** A call-free request: the answer goes to {@code replyTo} as a cast. */
    record Ask(String question, ActorRef<ListenerMsg> replyTo) implements HubMsg {}

    record Subscribe(ListenerMsgRef listener) implements HubMsg {}

    record Publish(String text) implements HubMsg {}

    record Echo(ActorRef<ListenerMsg> ref, RpcReplyPort<ActorRef<ListenerMsg>> reply)
        implements HubMsg {}

    record Several(List<ActorRef<ListenerMsg>> refs, Optional<ListenerMsgRef> maybe)
        implements HubMsg {}

    /** A ref of the interface's own facade, generated in the same round. */
    record Introduce(HubMsgRef other, RpcReplyPort<Boolean> reply) implements HubMsg {}
  }

  /** Puts every event it gets in a queue the test reads. */
  public static final class Listener implements Actor<ListenerMsg, Void, Void> {
    private final BlockingQueue<String> events;

    Listener(BlockingQueue<String> events) {
      this.events = events;
    }

    @Override
    public Void preStart(ActorRef<ListenerMsg> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<ListenerMsg> self, ListenerMsg message, Void state) {
      if (message instanceof ListenerMsg.Event e) {
        events.add(e.text());
      }
      return null;
    }
  }

  /** Answers questions to their reply-to refs; pushes publications to its subscribers. */
  public static final class Hub implements Actor<HubMsg, List<ListenerMsgRef>, Void> {
    private final BlockingQueue<Object> received;

    Hub(BlockingQueue<Object> received) {
      this.received = received;
    }

    @Override
    public List<ListenerMsgRef> preStart(ActorRef<HubMsg> self, Void args) {
      return new java.util.ArrayList<>();
    }

    @Override
    public List<ListenerMsgRef> handle(
        ActorRef<HubMsg> self, HubMsg message, List<ListenerMsgRef> subscribers) {
      switch (message) {
        case HubMsg.Ask a -> {
          received.add(a.replyTo());
          ListenerMsgRef.of(a.replyTo()).event("answer to " + a.question());
        }
        case HubMsg.Subscribe s -> {
          received.add(s.listener());
          subscribers.add(s.listener());
        }
        case HubMsg.Publish p -> {
          for (ListenerMsgRef subscriber : subscribers) {
            try {
              subscriber.event(p.text());
            } catch (MessagingException gone) {
              received.add(gone);
            }
          }
        }
        case HubMsg.Echo e -> e.reply().send(e.ref());
        case HubMsg.Several s -> {
          received.add(s.refs());
          received.add(s.maybe());
        }
        case HubMsg.Introduce i -> i.reply().send(i.other().ref().id().isLocal());
      }
      return subscribers;
    }
  }

  @RegisterExtension final LocalNodes cluster = new LocalNodes(NodeConfig.generateCookie());

  private static final Duration T = Duration.ofSeconds(10);

  private Node server;
  private Node client;
  private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  private HubMsgRef connect() {
    return connect(config -> config);
  }

  private HubMsgRef connect(java.util.function.UnaryOperator<NodeConfig.Builder> clientConfig) {
    server = cluster.node("server");
    client = cluster.node("client", clientConfig);
    server.spawn("hub", new Hub(received), null);
    client.cluster().connect("127.0.0.1", server.cluster().listen("127.0.0.1", 0).getPort());
    return HubMsgRef.from(client.registry().whereIs("hub").orElseThrow());
  }

  private PeerInfo serverPeer() {
    return client.cluster().peers().getFirst();
  }

  private static Object next(BlockingQueue<?> queue) throws InterruptedException {
    Object item = queue.poll(10, TimeUnit.SECONDS);
    if (item == null) {
      throw new AssertionError("nothing arrived within 10 s");
    }
    return item;
  }

  @Test
  void aReplyToRefCarriesACallFreeAnswerBack() throws Exception {
    HubMsgRef hub = connect();
    ActorRef<ListenerMsg> listener = client.spawn(new Listener(events), null);
    hub.ask("the time", listener);
    assertEquals("answer to the time", next(events));
    ActorRef<?> there = (ActorRef<?>) next(received);
    assertFalse(there.id().isLocal(), "the server holds a proxy");
    assertEquals(listener.id().local(), there.id().local());
    assertEquals(client.cluster().peers().getFirst().nodeId(), serverPeer().nodeId());
    assertEquals(1, client.cluster().exportedRefs(serverPeer()));
  }

  @Test
  void aRefThatComesHomeIsTheLocalActorItself() {
    HubMsgRef hub = connect();
    ActorRef<ListenerMsg> listener = client.spawn(new Listener(events), null);
    ActorRef<ListenerMsg> back = hub.echo(listener, T);
    assertSame(listener, back, "the local actor, not a proxy of a proxy");
    assertTrue(back.id().isLocal());
  }

  @Test
  void refsInsideListsAndOptionalsAndOwnFacades() throws Exception {
    HubMsgRef hub = connect();
    ActorRef<ListenerMsg> a = client.spawn(new Listener(events), null);
    ActorRef<ListenerMsg> b = client.spawn(new Listener(events), null);
    hub.several(List.of(a, b), Optional.of(ListenerMsgRef.of(a)));
    List<?> refs = (List<?>) next(received);
    assertEquals(
        List.of(a.id().local(), b.id().local()),
        refs.stream().map(r -> ((ActorRef<?>) r).id().local()).toList());
    Optional<?> maybe = (Optional<?>) next(received);
    assertEquals(a.id().local(), ((ListenerMsgRef) maybe.orElseThrow()).ref().id().local());
    assertEquals(2, client.cluster().exportedRefs(serverPeer()));
    hub.several(List.of(), Optional.empty());
    assertEquals(List.of(), next(received));
    assertEquals(Optional.empty(), next(received));
    // The hub's own facade: the server's own actor comes home there.
    assertTrue(hub.introduce(hub, T));
  }

  @Test
  void whenTheExportedActorStopsThePeersSendsFailAndTheEntryGoes() throws Exception {
    HubMsgRef hub = connect();
    ActorRef<ListenerMsg> listener = client.spawn(new Listener(events), null);
    hub.subscribe(ListenerMsgRef.of(listener));
    ListenerMsgRef there = (ListenerMsgRef) next(received);
    hub.publish("one");
    assertEquals("one", next(events));
    assertEquals(1, client.cluster().exportedRefs(serverPeer()));

    listener.stopAndWait("unsubscribed", T);
    LocalNodes.await("the proxy to stop", () -> there.ref().status() == ActorStatus.STOPPED);
    assertEquals(0, client.cluster().exportedRefs(serverPeer()));
    hub.publish("two");
    MessagingException gone = (MessagingException) next(received);
    assertTrue(gone.getMessage().contains("is gone: it stopped"), gone.getMessage());
    assertTrue(events.isEmpty(), "nothing reached the stopped listener: " + events);
  }

  @Test
  void theExportTableIsBounded() {
    HubMsgRef hub = connect(config -> config.exportedRefs(2));
    hub.ask("1", client.spawn(new Listener(events), null));
    hub.ask("2", client.spawn(new Listener(events), null));
    ActorRef<ListenerMsg> third = client.spawn(new Listener(events), null);
    CodecException full = assertThrows(CodecException.class, () -> hub.ask("3", third));
    assertTrue(full.getMessage().contains("already holds refs to 2 actors"), full.getMessage());
    assertEquals(2, client.cluster().exportedRefs(serverPeer()));
  }

  @Test
  void aRefOutsideAClusterMessageCannotBeEncoded() {
    Node alone = cluster.node("alone");
    ActorRef<ListenerMsg> listener = alone.spawn(new Listener(events), null);
    CodecException e =
        assertThrows(
            CodecException.class,
            () ->
                io.troupe.codec.MessageCodec.forType(HubMsg.class)
                    .encodeArgs(new HubMsg.Ask("q", listener)));
    assertTrue(e.getMessage().contains("only inside a message between two"), e.getMessage());
  }

  @Test
  void aRefSentAsItsActorEndsAlwaysEndsOnThePeer() throws Exception {
    HubMsgRef hub = connect();
    int rounds = 2000;
    for (int i = 0; i < rounds; i++) {
      ActorRef<ListenerMsg> listener = client.spawn(new Listener(events), null);
      listener.stop("racing"); // ends on its own thread while the ref is encoded here
      hub.several(List.of(listener), Optional.empty());
    }
    for (int i = 0; i < rounds; i++) {
      ActorRef<?> there = (ActorRef<?>) ((List<?>) next(received)).getFirst();
      next(received); // the empty Optional
      LocalNodes.await(
          "the proxy of round " + i + " to stop", () -> there.status() == ActorStatus.STOPPED);
    }
    LocalNodes.await(
        "the export table to empty", () -> client.cluster().exportedRefs(serverPeer()) == 0);
  }

  @Test
  @SuppressWarnings("unchecked") // the refs in the lists are of ListenerMsg
  void aRefPassedOnThroughAThirdNodeWorksOnlyIfItsNodeMadeItKnown() throws Exception {
    // Isolated: b meets a and c, but a and c have no session with each other.
    java.util.function.UnaryOperator<NodeConfig.Builder> isolated =
        config -> config.connectionMode(io.troupe.cluster.ConnectionMode.ISOLATED);
    Node a = cluster.node("a", isolated);
    Node b = cluster.node("b", isolated);
    Node c = cluster.node("c", isolated);
    a.spawn("hub", new Hub(received), null);
    BlockingQueue<Object> onB = new LinkedBlockingQueue<>();
    b.spawn("relay", new Hub(onB), null);
    b.cluster().connect("127.0.0.1", a.cluster().listen("127.0.0.1", 0).getPort());
    c.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());

    // c sends b a ref of its listener; b passes it on to a, which has no session with c.
    ActorRef<ListenerMsg> onC = c.spawn(new Listener(events), null);
    HubMsgRef.from(c.registry().whereIs("relay").orElseThrow())
        .several(List.of(onC), Optional.empty());
    ActorRef<ListenerMsg> atB = (ActorRef<ListenerMsg>) ((List<?>) next(onB)).getFirst();
    next(onB);
    atB.cast(new ListenerMsg.Event("from b")); // b was given the ref: it works
    assertEquals("from b", next(events));
    HubMsgRef.from(b.registry().whereIs("hub").orElseThrow())
        .several(List.of(atB), Optional.empty());
    ActorRef<ListenerMsg> atA = (ActorRef<ListenerMsg>) ((List<?>) next(received)).getFirst();
    next(received);
    assertEquals(ActorStatus.STOPPED, atA.status());
    MessagingException notConnected =
        assertThrows(MessagingException.class, () -> atA.cast(new ListenerMsg.Event("x")));
    assertTrue(
        notConnected.getMessage().contains("cannot be reached from this node")
            && notConnected.getMessage().contains("is not connected to this node"),
        notConnected.getMessage());

    // Once a and c are connected, a ref c never gave a still does not work there, saying why.
    a.cluster().connect("127.0.0.1", c.cluster().listen("127.0.0.1", 0).getPort());
    HubMsgRef.from(b.registry().whereIs("hub").orElseThrow())
        .several(List.of(atB), Optional.empty());
    ActorRef<ListenerMsg> again = (ActorRef<ListenerMsg>) ((List<?>) next(received)).getFirst();
    next(received);
    MessagingException unknown =
        assertThrows(MessagingException.class, () -> again.cast(new ListenerMsg.Event("y")));
    assertTrue(unknown.getMessage().contains("did not make it known"), unknown.getMessage());

    // A ref of an actor c advertised (a registered name) is usable on a through b.
    ActorRef<ListenerMsg> named = c.spawn("named", new Listener(events), null);
    LocalNodes.await("a to see c's name", () -> a.registry().whereIs("named").isPresent());
    HubMsgRef.from(c.registry().whereIs("relay").orElseThrow())
        .several(List.of(named), Optional.empty());
    ActorRef<ListenerMsg> namedAtB = (ActorRef<ListenerMsg>) ((List<?>) next(onB)).getFirst();
    next(onB);
    HubMsgRef.from(b.registry().whereIs("hub").orElseThrow())
        .several(List.of(namedAtB), Optional.empty());
    ActorRef<ListenerMsg> namedAtA = (ActorRef<ListenerMsg>) ((List<?>) next(received)).getFirst();
    next(received);
    assertSame(a.registry().whereIs("named").orElseThrow(), namedAtA);
    namedAtA.cast(new ListenerMsg.Event("from a"));
    assertEquals("from a", next(events));
    assertTrue(events.isEmpty(), "the unreachable refs delivered nothing: " + events);
  }
}
