package io.troupe.examples.cluster;

import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.cluster.NodeConfig;
import io.troupe.cluster.NodeEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two JVMs: this program starts a second JVM running the {@link ThreeNodes.Counter} on its own
 * node, reaches the counter over TCP through its typed facade, then kills that JVM and shows what
 * the first node sees. Run with no arguments; the second JVM is this same class with the argument
 * {@code worker PORT}.
 */
public final class TwoJvms {
  private TwoJvms() {}

  /**
   * The environment variable that hands the cookie to the worker JVM (not an argument: those are
   * public).
   */
  private static final String COOKIE_VARIABLE = "TROUPE_EXAMPLE_COOKIE";

  private static NodeConfig config(String cookie) {
    return NodeConfig.builder()
        .cookie(cookie)
        .keepalive(Duration.ofMillis(200), Duration.ofSeconds(2))
        .build();
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("worker")) {
      worker(Integer.parseInt(args[1]));
      return;
    }
    String cookie = NodeConfig.generateCookie();
    try (Node main = Node.create("main-jvm", config(cookie))) {
      CompletableFuture<String> workerGone = new CompletableFuture<>();
      main.cluster()
          .subscribe(
              e -> {
                if (e instanceof NodeEvent.NodeDisconnected d) {
                  System.out.println(
                      "main-jvm: " + d.peer().name() + " disconnected (" + d.reason() + ")");
                  workerGone.complete(d.reason());
                }
              });
      int port = main.cluster().listen("127.0.0.1", 0).getPort();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder workerJvm =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  TwoJvms.class.getName(),
                  "worker",
                  Integer.toString(port))
              .redirectErrorStream(true);
      workerJvm.environment().put(COOKIE_VARIABLE, cookie);
      Process worker = workerJvm.start();
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
        System.out.println("worker JVM (pid " + worker.pid() + ") says: " + out.readLine());
        ActorRef<?> remote = main.cluster().awaitMember("counters", Duration.ofSeconds(20));
        CounterMsgRef counter = CounterMsgRef.from(remote);
        for (int i = 1; i <= 100; i++) {
          counter.add(i);
        }
        System.out.println(
            "main-jvm: the counter in the other JVM says 1 + ... + 100 = "
                + counter.total(Duration.ofSeconds(5)));
        worker.destroyForcibly();
        worker.waitFor();
        workerGone.get(20, TimeUnit.SECONDS); // the worker's proxies have left the groups by now
        System.out.println(
            "main-jvm: after the kill, counters known here: "
                + main.groups().members("counters").size());
      } finally {
        worker.destroyForcibly();
      }
    }
  }

  private static void worker(int port) throws InterruptedException {
    Node node = Node.create("worker-jvm", config(System.getenv(COOKIE_VARIABLE)));
    node.spawn("counter", new ThreeNodes.Counter(), null); // joins "counters"
    node.cluster().connect("127.0.0.1", port);
    System.out.println("worker-jvm connected to port " + port + " with a counter");
    System.out.flush();
    new CountDownLatch(1).await(); // until killed
  }
}
