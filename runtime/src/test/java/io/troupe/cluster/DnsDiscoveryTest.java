package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Node;
import io.troupe.testing.Await;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * DNS discovery against a real DNS server: dnsmasq, started by the test on 127.0.0.1 on a free high
 * port with only the records each test gives it (no upstream, no hosts file). Skipped, with a
 * message, where dnsmasq is not installed ({@code .ci/run} installs it).
 */
class DnsDiscoveryTest {
  private final List<Node> nodes = new ArrayList<>();
  private Process dns;

  @AfterEach
  void closeAll() throws InterruptedException {
    nodes.forEach(Node::close);
    stopDns();
  }

  private Node node(String name) {
    Node n =
        Node.create(
            name,
            NodeConfig.builder()
                .cookie(RawPeer.COOKIE)
                .keepalive(Duration.ofMillis(200), Duration.ofSeconds(3))
                .build());
    nodes.add(n);
    return n;
  }

  private static Path dnsmasq() {
    for (String dir : new String[] {"/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin"}) {
      Path p = Path.of(dir, "dnsmasq");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    Assumptions.abort(
        "dnsmasq is not installed (apt-get install -y dnsmasq; .ci/run does it): DNS discovery not tested here");
    return null;
  }

  /** A port free for both UDP and TCP on 127.0.0.1, above 20000. */
  private static int freePort() throws IOException {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = tcp.getLocalPort();
        if (port < 20000) {
          continue;
        }
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
          return udp.getLocalPort();
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no free port for dnsmasq");
  }

  private int dnsPort;

  /** (Re)starts dnsmasq on the same port with exactly these record options. */
  private void startDns(List<String> records) throws Exception {
    stopDns();
    if (dnsPort == 0) {
      dnsPort = freePort();
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                dnsmasq().toString(),
                "--keep-in-foreground",
                "--port=" + dnsPort,
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                "--no-resolv",
                "--no-hosts",
                "--no-poll",
                "--conf-file=/dev/null",
                "--pid-file=",
                "--log-facility=-",
                "--local-ttl=0",
                "--user=root",
                "--local=/troupe.test/"));
    command.addAll(records);
    dns =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    // Ready once it answers: ask for a record it was given.
    Discovery probe = Discovery.dns("probe.troupe.test", 1, "127.0.0.1:" + dnsPort);
    Await.until(
        "dnsmasq answers on port " + dnsPort,
        () -> {
          try {
            return !probe.addresses().isEmpty();
          } catch (ClusterException notYet) {
            return false;
          }
        });
  }

  private List<String> withProbe(List<String> records) {
    List<String> all = new ArrayList<>(records);
    all.add("--host-record=probe.troupe.test,127.0.0.1");
    return all;
  }

  private void stopDns() throws InterruptedException {
    if (dns != null) {
      dns.destroy();
      if (!dns.waitFor(5, TimeUnit.SECONDS)) {
        dns.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      dns = null;
    }
  }

  private String server() {
    return "127.0.0.1:" + dnsPort;
  }

  @Test
  void aAndAaaaRecordsGiveOneAddressEachWithThePort() throws Exception {
    startDns(withProbe(List.of("--host-record=nodes.troupe.test,127.0.0.1,::1")));
    Set<InetSocketAddress> found =
        new HashSet<>(Discovery.dns("nodes.troupe.test", 7000, server()).addresses());
    assertEquals(
        Set.of(new InetSocketAddress("127.0.0.1", 7000), new InetSocketAddress("::1", 7000)),
        found);
    assertEquals(List.of(), Discovery.dns("missing.troupe.test", 7000, server()).addresses());
  }

  @Test
  void srvRecordsFormAMesh() throws Exception {
    Node[] n = {node("n0"), node("n1"), node("n2")};
    List<String> records = new ArrayList<>(List.of("--host-record=host.troupe.test,127.0.0.1"));
    for (Node each : n) {
      int port = each.cluster().listen("127.0.0.1", 0).getPort();
      records.add("--srv-host=_troupe._tcp.troupe.test,host.troupe.test," + port);
    }
    startDns(withProbe(records));
    Discovery discovery = Discovery.dnsSrv("_troupe._tcp.troupe.test", server());
    assertEquals(3, discovery.addresses().size());
    for (Node each : n) {
      each.cluster().discover(discovery, Duration.ofMillis(200));
    }
    Await.until(
        "a full mesh",
        () -> java.util.Arrays.stream(n).allMatch(x -> x.cluster().peers().size() == 2));
    for (Node each : n) {
      Set<String> names =
          each.cluster().peers().stream().map(PeerInfo::name).collect(Collectors.toSet());
      assertTrue(!names.contains(each.name()) && names.size() == 2, names.toString());
    }
  }

  @Test
  void recordsAreReadAgainEachPeriod() throws Exception {
    Node watcher = node("watcher");
    Node first = node("first");
    Node second = node("second");
    int firstPort = first.cluster().listen("127.0.0.1", 0).getPort();
    int secondPort = second.cluster().listen("127.0.0.1", 0).getPort();
    startDns(
        withProbe(
            List.of(
                "--host-record=host.troupe.test,127.0.0.1",
                "--srv-host=_troupe._tcp.troupe.test,host.troupe.test," + firstPort)));
    AutoCloseable discovering =
        watcher
            .cluster()
            .discover(
                Discovery.dnsSrv("_troupe._tcp.troupe.test", server()), Duration.ofMillis(200));
    try {
      Await.until("the first node", () -> watcher.cluster().peers().size() == 1);
      assertEquals("first", watcher.cluster().peers().getFirst().name());
      // The service grows: the same name now lists a second node (dnsmasq restarted with it).
      startDns(
          withProbe(
              List.of(
                  "--host-record=host.troupe.test,127.0.0.1",
                  "--srv-host=_troupe._tcp.troupe.test,host.troupe.test," + firstPort,
                  "--srv-host=_troupe._tcp.troupe.test,host.troupe.test," + secondPort)));
      Await.until(
          "the second node",
          () -> watcher.cluster().peers().stream().anyMatch(p -> p.name().equals("second")));
    } finally {
      discovering.close();
    }
  }

  @Test
  void staticSeedsAreDiscoveryToo() throws Exception {
    Node a = node("a");
    Node b = node("b");
    int port = b.cluster().listen("127.0.0.1", 0).getPort();
    a.cluster()
        .discover(
            Discovery.seeds("127.0.0.1:" + port, "127.0.0.1:1"),
            Duration.ofMillis(200)); // the second is down
    Await.until("the seed", () -> a.cluster().peers().size() == 1);
    assertEquals(
        List.of(InetSocketAddress.createUnresolved("127.0.0.1", port)),
        Discovery.seeds("127.0.0.1:" + port).addresses());
  }
}
