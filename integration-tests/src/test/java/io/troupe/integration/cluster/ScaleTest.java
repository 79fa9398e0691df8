package io.troupe.integration.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.cluster.NodeConfig;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16, item 7: {@code troupe.scale.nodes} JVMs (3 by default; 8 with {@code -Pscale}) on
 * 127.0.0.1 find each other through the SRV records of one name on a real dnsmasq and form the full
 * mesh; the process group with a member on every node converges on every node (and each member
 * answers a call from every node); one JVM is killed with SIGKILL and every other node reports it
 * down within 5 s; it restarts on the same port and the mesh and the group converge again. The
 * times are measured by the nodes' own clocks ({@link ScaleNode} stamps each event) and printed.
 * Every child is killed at the end whatever happens (and by a shutdown hook, and a child exits when
 * this JVM's end closes its stdin).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ScaleTest {
  private static final int NODES = Integer.getInteger("troupe.scale.nodes", 3);
  private static final Duration WAIT = Duration.ofSeconds(60 + 15L * NODES);
  private static final long DOWN_WITHIN_MICROS = TimeUnit.SECONDS.toMicros(5);

  private final List<Child> children = new CopyOnWriteArrayList<>();

  @Test
  void jvmsFoundThroughDnsFormAMeshSeeAKilledOneDownAndTakeItBack() throws Exception {
    assertTrue(NODES >= 3, "troupe.scale.nodes must be at least 3, not " + NODES);
    String cookie = NodeConfig.generateCookie();
    try (Dnsmasq dns = new Dnsmasq()) {
      Thread reaper =
          new Thread(
              () -> {
                killAll();
                dns.stop();
              },
              "scale-test-reaper");
      Runtime.getRuntime().addShutdownHook(reaper);
      try {
        run(dns, cookie);
      } catch (Throwable failed) {
        for (Child c : children) {
          try {
            c.send("dump"); // its peers and its cluster threads, into the tail shown below
          } catch (AssertionError gone) {
            // it exited: its tail is all there is
          }
        }
        Thread.sleep(2000);
        children.forEach(Child::dump);
        throw failed;
      } finally {
        killAll();
        Runtime.getRuntime().removeShutdownHook(reaper);
      }
    }
  }

  private void run(Dnsmasq dns, String cookie) throws Exception {
    long launched = now();
    List<Child> nodes = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      nodes.add(start("n" + i, cookie, dns.server(), 0));
    }
    await("every JVM listening", () -> nodes.stream().allMatch(c -> c.listeningAt != 0));
    long listening = nodes.stream().mapToLong(c -> c.listeningAt).max().orElseThrow();

    // One name lists every node (SRV: one target host, a port each), as a headless service would.
    List<String> records = new ArrayList<>(List.of("--host-record=host.scale.test,127.0.0.1"));
    for (Child c : nodes) {
      records.add("--srv-host=" + ScaleNode.SRV_NAME + ",host.scale.test," + c.port);
    }
    dns.start(records);

    long discovering = now();
    nodes.forEach(c -> c.send("discover"));
    await("the full mesh", () -> nodes.stream().allMatch(c -> c.meshAt != 0));
    for (Child c : nodes) {
      assertEquals(others(c.name), c.ready.keySet(), c.name + "'s peers");
    }
    long meshed = nodes.stream().mapToLong(c -> c.meshAt).max().orElseThrow();
    await(
        "the group converged and called on every node",
        () -> nodes.stream().allMatch(c -> c.calledAt != 0));
    long grouped = nodes.stream().mapToLong(c -> c.groupAt).max().orElseThrow();

    // SIGKILL one (Process.destroyForcibly on Linux): no shutdown hook, the kernel closes sockets.
    Child victim = nodes.getLast();
    List<Child> survivors = nodes.subList(0, NODES - 1);
    long killed = now();
    victim.process.destroyForcibly();
    await(
        "every other node reporting " + victim.name + " down",
        () -> survivors.stream().allMatch(c -> c.down.containsKey(victim.name)));
    long[] downMicros =
        survivors.stream().mapToLong(c -> c.down.get(victim.name) - killed).sorted().toArray();
    Map<String, String> causes = new TreeMap<>();
    for (Child c : survivors) {
      causes.put(c.name, c.downCause.get(victim.name));
      assertTrue(
          c.down.get(victim.name) - killed <= DOWN_WITHIN_MICROS,
          c.name + " saw " + victim.name + " down after " + ms(c.down.get(victim.name) - killed));
      c.send("await-group");
    }
    assertTrue(victim.process.waitFor(10, TimeUnit.SECONDS), "the killed JVM did not exit");

    // It comes back under the same name on the same port (a new node id): the mesh heals.
    long restarted = now();
    Child back = start(victim.name, cookie, dns.server(), victim.port);
    nodes.set(NODES - 1, back);
    await("the restarted JVM listening", () -> back.listeningAt != 0);
    back.send("discover");
    await(
        "the mesh healed",
        () -> back.meshAt != 0 && survivors.stream().allMatch(c -> c.meshAt > killed));
    for (Child c : nodes) {
      assertEquals(others(c.name), c.ready.keySet(), c.name + "'s peers after the restart");
    }
    long healed = nodes.stream().mapToLong(c -> c.meshAt).max().orElseThrow();
    await(
        "the group converged and called again on every node",
        () -> back.calledAt != 0 && survivors.stream().allMatch(c -> c.calledAt > killed));
    long regrouped = nodes.stream().mapToLong(c -> c.groupAt).max().orElseThrow();

    System.out.printf(
        "scale test, %d JVMs on 127.0.0.1 (default keepalive: pings every 1 s, phi 8; discovery"
            + " every 1 s):%n"
            + "  JVMs started and listening        %s%n"
            + "  full mesh formed                  %s after discovery started%n"
            + "  group converged on every node     %s after discovery started%n"
            + "  kill -9 %s seen down by %d nodes   max %s, median %s (%s)%n"
            + "  restarted JVM listening           %s after its launch%n"
            + "  mesh healed                       %s after it listened (%s after its launch)%n"
            + "  group converged again             %s after it listened%n",
        NODES,
        ms(listening - launched),
        ms(meshed - discovering),
        ms(grouped - discovering),
        victim.name,
        NODES - 1,
        ms(downMicros[downMicros.length - 1]),
        ms(median(downMicros)),
        causes.values().stream().distinct().collect(Collectors.joining(", ")),
        ms(back.listeningAt - restarted),
        ms(healed - back.listeningAt),
        ms(healed - restarted),
        ms(regrouped - back.listeningAt));
  }

  private static Set<String> others(String name) {
    return IntStream.range(0, NODES)
        .mapToObj(i -> "n" + i)
        .filter(n -> !n.equals(name))
        .collect(Collectors.toSet());
  }

  private static long median(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String ms(long micros) {
    return String.format(java.util.Locale.ROOT, "%.0f ms", micros / 1000.0);
  }

  private static long now() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
      }
      Thread.sleep(5); // the times come from the children's clocks, not from this loop
    }
  }

  private Child start(String name, String cookie, String dns, int port) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                ScaleNode.class.getName(),
                name,
                cookie,
                dns,
                Integer.toString(port),
                Integer.toString(NODES))
            .redirectErrorStream(true)
            .start();
    Child child = new Child(name, process);
    children.add(child);
    return child;
  }

  private void killAll() {
    for (Child c : children) {
      c.process.destroyForcibly();
    }
    for (Child c : children) {
      try {
        c.process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A child JVM and what it said, read as it comes (times are its own, in epoch micros). */
  private static final class Child {
    final String name;
    final Process process;
    private final Writer stdin;
    private final ChildOutput output;
    final Map<String, Long> ready = new ConcurrentHashMap<>();
    final Map<String, Long> down = new ConcurrentHashMap<>();
    final Map<String, String> downCause = new ConcurrentHashMap<>();
    volatile int port;
    volatile long listeningAt;
    volatile long meshAt; // when it last had every other node ready; 0 while it has not
    volatile long groupAt;
    volatile long calledAt;

    Child(String name, Process process) {
      this.name = name;
      this.process = process;
      this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      this.output =
          ChildOutput.read(
              process,
              "scale-test-" + name,
              400,
              line -> {
                if (line.startsWith("@ ")) {
                  onReport(line.split(" "));
                }
              },
              ended -> {}); // the process is gone
    }

    void send(String command) {
      try {
        stdin.write(command + "\n");
        stdin.flush();
      } catch (IOException e) {
        throw new AssertionError(name + " does not take commands: " + e, e);
      }
    }

    private void onReport(String[] w) {
      long at = Long.parseLong(w[1]);
      switch (w[2]) {
        case "PORT" -> {
          port = Integer.parseInt(w[3]);
          listeningAt = at;
        }
        case "READY" -> {
          ready.put(w[3], at);
          if (meshAt == 0 && ready.size() == NODES - 1) {
            meshAt = at;
          }
        }
        case "DOWN" -> {
          ready.remove(w[3]);
          meshAt = 0;
          down.put(w[3], at);
          downCause.put(w[3], w[4]);
        }
        case "GROUP" -> groupAt = at;
        case "CALLED" -> calledAt = at;
        default -> {} // a failure report: in the tail, shown if the test fails
      }
    }

    void dump() {
      System.err.println("--- " + name + " (last lines) ---\n" + output.lastLines());
    }
  }
}
