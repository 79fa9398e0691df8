package io.troupe.examples.cluster;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.annotation.ClusterMessage;
import io.troupe.cluster.NodeConfig;
import io.troupe.cluster.NodeEvent;
import io.troupe.cluster.PeerInfo;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Three nodes in one JVM over 127.0.0.1: a and c each connect only to b, and transitive mode
 * connects a and c to each other. A counter living on c is then used from a through its typed
 * facade, exactly as if it were local.
 */
public final class ThreeNodes {
  private ThreeNodes() {}

  /** The counter's messages; {@code @ClusterMessage} makes the processor write a codec too. */
  @ClusterMessage
  public sealed interface CounterMsg {
    record Add(int amount) implements CounterMsg {}

    record Total(RpcReplyPort<Integer> reply) implements CounterMsg {}
  }

  static final class Counter implements Actor<CounterMsg, int[], Void> {
    @Override
    public int[] preStart(ActorRef<CounterMsg> self, Void args) {
      self.node().groups().join("counters", List.of(self)); // visible cluster-wide
      return new int[1];
    }

    @Override
    public int[] handle(ActorRef<CounterMsg> self, CounterMsg message, int[] total) {
      switch (message) {
        case CounterMsg.Add add -> total[0] += add.amount();
        case CounterMsg.Total t -> t.reply().send(total[0]);
      }
      return total;
    }
  }

  /** The nodes' shared secret: random, as a weak cookie is refused. */
  private static final String COOKIE = NodeConfig.generateCookie();

  private static Node node(String name) {
    return Node.create(name, NodeConfig.builder().cookie(COOKIE).build());
  }

  public static void main(String[] args) throws Exception {
    Node c = node("c"); // closed by hand below, to show what a node leaving does
    try (Node a = node("a");
        Node b = node("b")) {
      CompletableFuture<PeerInfo> cReadyOnA = new CompletableFuture<>();
      CompletableFuture<String> cGoneFromA = new CompletableFuture<>();
      a.cluster()
          .subscribe(
              e -> {
                switch (e) {
                  case NodeEvent.NodeAuthenticated auth ->
                      System.out.println("a: authenticated " + auth.peer().name());
                  case NodeEvent.NodeReady ready when ready.peer().name().equals("c") ->
                      cReadyOnA.complete(ready.peer());
                  case NodeEvent.NodeDisconnected gone when gone.peer().name().equals("c") ->
                      cGoneFromA.complete(gone.reason());
                  default -> {}
                }
              });
      int bPort = b.cluster().listen("127.0.0.1", 0).getPort();
      a.cluster().listen("127.0.0.1", 0);
      c.cluster().listen("127.0.0.1", 0);
      a.cluster().connect("127.0.0.1", bPort);
      c.cluster().connect("127.0.0.1", bPort);
      cReadyOnA.get(10, TimeUnit.SECONDS); // a met c through b (transitive mode): a full mesh
      System.out.println(
          "a's peers: " + a.cluster().peers().stream().map(PeerInfo::name).sorted().toList());

      c.spawn("counter", new Counter(), null);
      ActorRef<?> remote = a.cluster().awaitMember("counters", Duration.ofSeconds(10));
      System.out.println(
          "a sees the counter of c as " + remote + " (local? " + remote.id().isLocal() + ")");
      CounterMsgRef counter = CounterMsgRef.from(remote);
      for (int i = 1; i <= 10; i++) {
        counter.add(i);
      }
      System.out.println(
          "a asks c's counter for its total: " + counter.total(Duration.ofSeconds(2)));

      c.close();
      String why = cGoneFromA.get(10, TimeUnit.SECONDS); // its proxies have left the groups by now
      System.out.println(
          "c closed ("
              + why
              + "): a's counters "
              + a.groups().members("counters")
              + ", peers "
              + a.cluster().peers().stream().map(PeerInfo::name).toList());
    } finally {
      c.close();
    }
  }
}
