package io.troupe.examples.cluster;

import io.troupe.Node;
import io.troupe.cluster.NodeConfig;
import java.time.Duration;

/**
 * The other JVM of {@link TwoJvmTest}: a node that connects to the test's node, spawns a tally in
 * group "tallies", prints READY, and runs until it is killed.
 */
public final class SecondJvmNode {
  private SecondJvmNode() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Node node =
        Node.create("second-jvm", NodeConfig.builder().cookie(args[1]).keepalive(Duration.ofMillis(200), Duration.ofSeconds(2)).build());
    node.spawn("tally", new RemoteActorsTest.Tally(), null);
    node.cluster().connect("127.0.0.1", port);
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
