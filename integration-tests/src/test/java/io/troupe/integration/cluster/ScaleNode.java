package io.troupe.integration.cluster;

import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.Node;
import io.troupe.cluster.ClusterException;
import io.troupe.cluster.Discovery;
import io.troupe.cluster.NodeConfig;
import io.troupe.cluster.NodeEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node of {@link ScaleTest}, in a JVM of its own: default cluster settings (pings every 1 s,
 * phi 8), a tally in group "tallies", discovery through the SRV records of {@link #SRV_NAME} on the
 * test's dnsmasq. It reports on stdout, one line each, {@code @ <epoch micros> <what>}: {@code PORT
 * p} once listening, {@code READY peer} and {@code DOWN peer cause} for node events, {@code GROUP
 * n} when the group has live members on {@code n} distinct nodes, then {@code CALLED n} once each
 * of them answered a call. Commands come on stdin: {@code discover} (start discovery and wait for
 * the full group) and {@code await-group} (wait for the full group again). It exits when stdin
 * ends, so it never outlives the test's JVM.
 *
 * <p>Arguments: node name, cookie, DNS server ({@code host:port}), port to listen on (0: any; a
 * restart passes its predecessor's), number of nodes in the cluster.
 */
public final class ScaleNode {
  /** The SRV name that lists every node. */
  static final String SRV_NAME = "_troupe._tcp.scale.test";

  private static final Duration PERIOD = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(60);

  private ScaleNode() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    String dns = args[2];
    int port = Integer.parseInt(args[3]);
    int nodes = Integer.parseInt(args[4]);
    Node node = Node.create(name, NodeConfig.builder().cookie(args[1]).build());
    node.cluster()
        .subscribe(
            event -> {
              switch (event) {
                case NodeEvent.NodeAuthenticated a -> say("AUTH " + a.peer().name());
                case NodeEvent.NodeReady r -> say("READY " + r.peer().name());
                case NodeEvent.NodeDisconnected d ->
                    say("DOWN " + d.peer().name() + " " + d.cause());
                default -> {}
              }
            });
    node.spawn("tally-" + name, new RemoteActorsTest.Tally(), null);
    say("PORT " + listen(node, port).getPort());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      switch (line) {
        case "discover" -> {
          node.cluster().discover(Discovery.dnsSrv(SRV_NAME, dns), PERIOD);
          awaitGroup(node, nodes);
        }
        case "await-group" -> awaitGroup(node, nodes);
        case "dump" -> dump(node);
        default -> say("UNKNOWN " + line);
      }
    }
    Runtime.getRuntime().halt(0); // the test's JVM is gone
  }

  /**
   * Listens on 127.0.0.1:port, trying for 10 s while a killed predecessor's port is still taken.
   */
  private static InetSocketAddress listen(Node node, int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return node.cluster().listen("127.0.0.1", port);
      } catch (ClusterException taken) {
        if (port == 0 || System.nanoTime() > deadline) {
          throw taken;
        }
        Thread.sleep(50);
      }
    }
  }

  /**
   * In the background: waits (woken by advertisements) until the group has live members on {@code
   * nodes} distinct nodes, says GROUP, calls each member and says CALLED. Members of a node that
   * went away may linger as stopped proxies for a moment: they are not counted.
   */
  private static void awaitGroup(Node node, int nodes) {
    Thread.ofPlatform()
        .start(
            () -> {
              long deadline = System.nanoTime() + WAIT.toNanos();
              try {
                List<ActorRef<?>> live = live(node);
                while (live.stream().map(m -> m.id().node()).distinct().count() < nodes) {
                  long left = deadline - System.nanoTime();
                  if (left <= 0) {
                    say("GROUP-TIMEOUT " + live + ", peers " + node.cluster().peers());
                    return;
                  }
                  int listed = node.groups().members("tallies").size();
                  if (listed < nodes) { // woken by the next member's advertisement
                    node.cluster().awaitMembers("tallies", listed + 1, Duration.ofNanos(left));
                  } else {
                    Thread.sleep(1); // a stopped member still listed: it leaves at once
                  }
                  live = live(node);
                }
                say("GROUP " + nodes);
                callEach(node, live, deadline);
              } catch (RuntimeException | InterruptedException e) {
                say("GROUP-FAILED " + e);
              }
            });
  }

  /**
   * Calls each member once. A session replaced meanwhile (nodes that connect to each other at once
   * may close one session and keep another) leaves a stopped proxy: look the group up again.
   */
  private static void callEach(Node node, List<ActorRef<?>> members, long deadline)
      throws InterruptedException {
    java.util.Set<Long> answered = new java.util.HashSet<>();
    List<ActorRef<?>> todo = members;
    while (true) {
      for (ActorRef<?> member : todo) {
        if (answered.contains(member.id().node())) {
          continue;
        }
        @SuppressWarnings("unchecked")
        ActorRef<RemoteActorsTest.TallyMsg> tally = (ActorRef<RemoteActorsTest.TallyMsg>) member;
        try {
          TallyMsgRef.from(tally).total(Duration.ofSeconds(10));
          answered.add(member.id().node());
        } catch (RuntimeException stale) {
          say("CALL-RETRY " + member.id() + " " + stale.getMessage());
        }
      }
      if (answered.size() >= members.size()) {
        say("CALLED " + answered.size());
        return;
      }
      if (System.nanoTime() > deadline) {
        say("CALL-TIMEOUT answered by " + answered + ", peers " + node.cluster().peers());
        return;
      }
      Thread.sleep(10);
      todo = live(node);
    }
  }

  /** For a failed test: the peers, and what every cluster thread is doing. */
  private static void dump(Node node) {
    say("PEERS " + node.cluster().peers());
    Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().startsWith("troupe-"))
        .forEach(
            e -> {
              StackTraceElement[] stack = e.getValue();
              say(
                  "THREAD "
                      + e.getKey().getName()
                      + " "
                      + e.getKey().getState()
                      + " "
                      + java.util.Arrays.stream(stack)
                          .limit(6)
                          .map(StackTraceElement::toString)
                          .collect(java.util.stream.Collectors.joining(" < ")));
            });
  }

  private static List<ActorRef<?>> live(Node node) {
    return node.groups().members("tallies").stream()
        .filter(m -> m.status() != ActorStatus.STOPPED)
        .toList();
  }

  private static synchronized void say(String what) {
    System.out.println("@ " + ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) + " " + what);
    System.out.flush();
  }
}
