package io.troupe.integration.cluster;

import static io.troupe.integration.cluster.LocalNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.annotation.ClusterMessage;
import io.troupe.cluster.NodeConfig;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ractor_cluster's scenarios that the other cluster tests do not already cover: the pg ping-pong of
 * its integration tests, scoped group sync (its node-session control test), call replies matched by
 * tag under concurrency (its remote-actor test), and a named actor stopped by a message from
 * another node (its name-registry test).
 */
@Timeout(60)
public class RemoteScenariosTest {

  @ClusterMessage
  public sealed interface HeyMsg {
    record Hey(String text) implements HeyMsg {}

    record IsDone(RpcReplyPort<Boolean> reply) implements HeyMsg {}

    record Echo(long value, RpcReplyPort<Long> reply) implements HeyMsg {}

    record Quit() implements HeyMsg {}
  }

  /**
   * Joins "hey" and answers every Hey by sending one to each remote member, until it has seen
   * {@code rounds}.
   */
  public static final class Bouncer implements Actor<HeyMsg, int[], Integer> {
    @Override
    public int[] preStart(ActorRef<HeyMsg> self, Integer rounds) {
      self.node().groups().join("hey", List.of(self));
      return new int[] {0, rounds};
    }

    @Override
    @SuppressWarnings("unchecked")
    public int[] handle(ActorRef<HeyMsg> self, HeyMsg message, int[] state) {
      switch (message) {
        case HeyMsg.Hey hey -> {
          state[0]++;
          if (state[0] <= state[1] + 1) { // one bounce past "done", so that the peer gets there too
            for (ActorRef<?> member : self.node().groups().members("hey")) {
              if (!member.id().isLocal()) {
                HeyMsgRef.from(member).hey(hey.text());
              }
            }
          }
        }
        case HeyMsg.IsDone d -> d.reply().send(state[0] > state[1]);
        case HeyMsg.Echo e -> e.reply().send(e.value());
        case HeyMsg.Quit q -> self.stop("asked to quit");
      }
      return state;
    }
  }

  @RegisterExtension final LocalNodes cluster = new LocalNodes(NodeConfig.generateCookie());

  private Node node(String name) {
    return cluster.node(name);
  }

  private static void connect(Node from, Node to) {
    from.cluster().connect("127.0.0.1", to.cluster().listen("127.0.0.1", 0).getPort());
  }

  @Test
  void groupMembersOnTwoNodesPlayPingPongThroughTheirRemoteRefs() {
    Node a = node("a");
    Node b = node("b");
    ActorRef<HeyMsg> onA = a.spawn(new Bouncer(), 10);
    ActorRef<HeyMsg> onB = b.spawn(new Bouncer(), 10);
    connect(a, b);
    await(
        "each sees the other",
        () -> a.groups().members("hey").size() == 2 && b.groups().members("hey").size() == 2);
    HeyMsgRef.of(onA).hey("Hey there");
    await(
        "both done",
        () ->
            HeyMsgRef.of(onA).isDone(Duration.ofSeconds(5))
                && HeyMsgRef.of(onB).isDone(Duration.ofSeconds(5)));
  }

  @Test
  void scopedGroupJoinsAndLeavesPropagateAndStayInTheirScope() {
    Node a = node("a");
    Node b = node("b");
    connect(a, b);
    ActorRef<HeyMsg> member = b.spawn(new Bouncer(), 0); // also joins "hey" in the default scope
    b.groups().join("tests", "scoped", List.of(member));
    await("the scoped member", () -> a.groups().members("tests", "scoped").size() == 1);
    ActorRef<?> remote = a.groups().members("tests", "scoped").getFirst();
    assertFalse(remote.id().isLocal());
    assertEquals(member.id().local(), remote.id().local());
    assertEquals(
        List.of(), a.groups().members("scoped")); // not in the default scope's group of that name
    assertTrue(a.groups().whichGroups("tests").contains("scoped"));

    b.groups().leave("tests", "scoped", List.of(member));
    await("the scoped member left", () -> a.groups().members("tests", "scoped").isEmpty());
    assertEquals(1, a.groups().members("hey").size()); // its other membership stays
    assertTrue(remote.status().acceptsMessages()); // leaving a group is not ending
  }

  @Test
  void concurrentCallsToARemoteActorEachGetTheirOwnReply() throws Exception {
    Node a = node("a");
    Node b = node("b");
    b.spawn("echo", new Bouncer(), 0);
    connect(a, b);
    await("the name", () -> a.registry().whereIs("echo").isPresent());
    ActorRef<HeyMsg> echo = a.registry().whereIs("echo", HeyMsg.class).orElseThrow();
    List<CompletableFuture<CallResult<Long>>> calls = new ArrayList<>();
    List<Thread> callers = new ArrayList<>();
    List<List<CompletableFuture<CallResult<Long>>>> perThread = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      List<CompletableFuture<CallResult<Long>>> mine =
          new java.util.concurrent.CopyOnWriteArrayList<>();
      perThread.add(mine);
      long base = t * 1_000_000L;
      callers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (long i = 0; i < 250; i++) {
                      long value = base + i;
                      mine.add(
                          echo.callAsync(
                              reply -> new HeyMsg.Echo(value, reply), Duration.ofSeconds(20)));
                    }
                  }));
    }
    for (Thread t : callers) {
      t.join();
    }
    for (int t = 0; t < 4; t++) {
      List<CompletableFuture<CallResult<Long>>> mine = perThread.get(t);
      assertEquals(250, mine.size());
      for (int i = 0; i < 250; i++) {
        CallResult<Long> result = mine.get(i).get(30, TimeUnit.SECONDS);
        assertEquals(new CallResult.Success<>(t * 1_000_000L + i), result);
      }
      calls.addAll(mine);
    }
    assertEquals(1000, calls.size());
  }

  @Test
  void aCallVariantCastByHandToARemoteActorIsAnsweredOnItsPort() throws Exception {
    Node a = node("a");
    Node b = node("b");
    b.spawn("echo", new Bouncer(), 0);
    connect(a, b);
    await("the name", () -> a.registry().whereIs("echo").isPresent());
    ActorRef<HeyMsg> echo = a.registry().whereIs("echo", HeyMsg.class).orElseThrow();
    RpcReplyPort<Long> port = new RpcReplyPort<>();
    echo.cast(new HeyMsg.Echo(5, port));
    assertEquals(new CallResult.Success<>(5L), port.result().get(10, TimeUnit.SECONDS));
  }

  @Test
  void aNamedActorFoundOnAnotherNodeStopsWhenItsMessageSaysSo() {
    Node a = node("a");
    Node b = node("b");
    ActorRef<HeyMsg> dummy = b.spawn("dummy_actor", new Bouncer(), 0);
    connect(a, b);
    await("the name", () -> a.registry().whereIs("dummy_actor").isPresent());
    ActorRef<?> remote = a.registry().whereIs("dummy_actor").orElseThrow();
    assertFalse(remote.id().isLocal());
    HeyMsgRef.from(remote).quit();
    assertTrue(dummy.awaitExit(Duration.ofSeconds(10)));
    assertTrue(remote.awaitExit(Duration.ofSeconds(10)));
    await("the name gone", () -> a.registry().whereIs("dummy_actor").isEmpty());
  }
}
