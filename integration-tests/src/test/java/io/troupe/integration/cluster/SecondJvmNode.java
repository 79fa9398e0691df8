package io.troupe.integration.cluster;

import io.troupe.Node;

/**
 * The other JVM of {@link TwoJvmTest} and {@link TwoJvmSupervisionTest}: a node that connects to
 * the test's node, spawns its actors, prints READY, and runs until it is killed.
 *
 * <p>Arguments: the test node's port, the cookie, and the mode: {@code tally} (a tally in group
 * "tallies", the default) or {@code workers} (workers registered as "worker-1" and "worker-2").
 */
public final class SecondJvmNode {
  private SecondJvmNode() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String mode = args.length > 2 ? args[2] : "tally";
    Node node = Node.create("second-jvm", LocalNodes.config(args[1]).build());
    switch (mode) {
      case "tally" -> node.spawn("tally", new RemoteActorsTest.Tally(), null);
      case "workers" -> {
        node.spawn("worker-1", new RemoteSupervisionTest.Worker(), null);
        node.spawn("worker-2", new RemoteSupervisionTest.Worker(), null);
      }
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
    node.cluster().connect("127.0.0.1", port);
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
