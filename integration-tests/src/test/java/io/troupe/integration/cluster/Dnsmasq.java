package io.troupe.integration.cluster;

import io.troupe.cluster.ClusterException;
import io.troupe.cluster.Discovery;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A dnsmasq on 127.0.0.1 serving only the records it is given (no upstream, no hosts file) under
 * the domain {@code scale.test}, on a port chosen before it starts (so that nodes can be told the
 * server first). Skips the calling test, saying why, where dnsmasq is not installed ({@code
 * .ci/run} installs it).
 */
final class Dnsmasq implements AutoCloseable {
  private final int port;
  private Process process;

  /** Reserves a port free for UDP and TCP on 127.0.0.1 (the test aborts without dnsmasq). */
  Dnsmasq() throws IOException {
    executable();
    this.port = freePort();
  }

  /** The server, as {@code "127.0.0.1:port"}, for {@link Discovery#dnsSrv(String, String)}. */
  String server() {
    return "127.0.0.1:" + port;
  }

  /**
   * Starts dnsmasq with these record options (e.g. {@code --srv-host=...}) and waits, at most 10 s,
   * until it answers.
   */
  void start(List<String> records) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                executable().toString(),
                "--keep-in-foreground",
                "--port=" + port,
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
                "--local=/scale.test/",
                "--host-record=probe.scale.test,127.0.0.1"));
    command.addAll(records);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Discovery probe = Discovery.dns("probe.scale.test", 1, server());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        if (!probe.addresses().isEmpty()) {
          return;
        }
      } catch (ClusterException notYet) {
        // not listening yet
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("dnsmasq did not answer on " + server());
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Stops the server (also from a shutdown hook, where {@code close} cannot be called). */
  void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Path executable() {
    for (String dir : new String[] {"/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin"}) {
      Path p = Path.of(dir, "dnsmasq");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    Assumptions.abort(
        "dnsmasq is not installed (apt-get install -y dnsmasq; .ci/run does it): the scale test needs it");
    throw new AssertionError("unreachable");
  }

  private static int freePort() throws IOException {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        try (DatagramSocket udp =
            new DatagramSocket(new InetSocketAddress("127.0.0.1", tcp.getLocalPort()))) {
          return udp.getLocalPort();
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no port free for both UDP and TCP on 127.0.0.1");
  }
}
