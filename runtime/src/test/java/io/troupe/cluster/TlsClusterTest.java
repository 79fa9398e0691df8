package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.Node;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions over TLS, with certificates made by the JDK's keytool when the test starts. */
class TlsClusterTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  @TempDir static Path dir;
  private static SSLContext trusted;
  private static SSLContext untrusted;
  private static SSLContext trustOnly;
  private final List<Node> nodes = new ArrayList<>();

  @BeforeAll
  static void makeCertificates() throws Exception {
    Path cluster = keyPair("cluster");
    Path other = keyPair("other");
    trusted = context(cluster, cluster);
    untrusted = context(other, other);
    trustOnly = context(null, cluster);
  }

  /** A key store with one self-signed key pair. */
  private static Path keyPair(String alias) throws Exception {
    Path store = dir.resolve(alias + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + alias,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(store)) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    return store;
  }

  private static KeyStore load(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  private static SSLContext context(Path keys, Path trust) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(load(trust));
    SSLContext ctx = SSLContext.getInstance("TLS");
    if (keys != null) {
      kmf.init(load(keys), PASSWORD);
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    } else {
      ctx.init(null, tmf.getTrustManagers(), null);
    }
    return ctx;
  }

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  private Node node(String name, SSLContext tls, boolean mutual) {
    Node n =
        Node.create(
            name,
            NodeConfig.builder()
                .cookie(RawPeer.COOKIE)
                .tls(tls)
                .mutualTls(mutual)
                .handshakeTimeout(Duration.ofSeconds(3))
                .build());
    nodes.add(n);
    return n;
  }

  private static Set<String> peerNames(Node n) {
    return n.cluster().peers().stream().map(PeerInfo::name).collect(Collectors.toSet());
  }

  @Test
  void nodesAuthenticateOverTls() {
    Node server = node("server", trusted, false);
    Node client = node("client", trustOnly, false);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    assertEquals("server", client.cluster().connect("127.0.0.1", port).name());
    assertEquals(Set.of("server"), peerNames(client));
  }

  @Test
  void aClientThatDoesNotTrustTheServerCannotConnect() {
    Node server = node("server", untrusted, false);
    Node client = node("client", trustOnly, false);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    assertThrows(ClusterException.class, () -> client.cluster().connect("127.0.0.1", port));
    assertEquals(Set.of(), peerNames(server));
  }

  @Test
  void mutualTlsAcceptsAClientWithATrustedCertificateOnly() {
    Node server = node("server", trusted, true);
    Node good = node("good", trusted, false);
    Node anonymous = node("anonymous", trustOnly, false);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    assertEquals("server", good.cluster().connect("127.0.0.1", port).name());
    assertThrows(ClusterException.class, () -> anonymous.cluster().connect("127.0.0.1", port));
    assertEquals(Set.of("good"), peerNames(server));
  }

  /**
   * A TLS peer authenticates, floods pings whose pongs it never reads, then goes silent: the
   * keepalive closes it without waiting on the TLS close, and meanwhile a stranger's stalled
   * handshake is still timed out (before, the keepalive thread hung in SSLSocket.close and no other
   * session's timeout fired).
   */
  @Test
  void aFrozenTlsPeerDoesNotStallOtherSessionsTimeouts() throws Exception {
    Node server =
        Node.create(
            "server",
            NodeConfig.builder()
                .cookie(RawPeer.COOKIE)
                .tls(trusted)
                .keepalive(Duration.ofMillis(100), Duration.ofMillis(800))
                .handshakeTimeout(Duration.ofSeconds(2))
                .build());
    nodes.add(server);
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (javax.net.ssl.SSLSocket frozen =
        (javax.net.ssl.SSLSocket) trustOnly.getSocketFactory().createSocket()) {
      frozen.setReceiveBufferSize(4096);
      frozen.connect(new java.net.InetSocketAddress("127.0.0.1", port));
      RawPeer.authenticate(frozen, "frozen", RawPeer.COOKIE);
      java.io.OutputStream out =
          new java.io.BufferedOutputStream(frozen.getOutputStream(), 1 << 16);
      byte[] ping =
          RawPeer.frame(
              io.troupe.internal.cluster.proto.NetworkMessage.newBuilder()
                  .setPing(io.troupe.internal.cluster.proto.Ping.newBuilder().setSequence(1))
                  .build());
      for (int i = 0; i < 300_000; i++) {
        out.write(ping);
      }
      out.flush(); // and now neither read nor write: the server's writer blocks on the full socket
      try (java.net.Socket stranger = new java.net.Socket("127.0.0.1", port)) {
        stranger.setSoTimeout(10_000);
        long start = System.nanoTime();
        java.io.InputStream in = stranger.getInputStream();
        try {
          while (in.read() >= 0) {
            // a stalled TLS handshake: the server waits for a ClientHello that never comes
          }
        } catch (java.io.IOException closedOrTimedOut) {
          // reset, or the 10 s read timeout (then the assertion below fails)
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        org.junit.jupiter.api.Assertions.assertTrue(
            tookMillis < 8_000,
            "the stranger's handshake timeout fired after " + tookMillis + " ms");
      }
      io.troupe.testing.Await.until(
          "the frozen peer is dropped", () -> peerNames(server).isEmpty());
    }
  }

  /**
   * A listener that accepts and never answers the TLS handshake: {@code connect} fails within the
   * handshake timeout (before, it waited in startHandshake for as long as the peer kept quiet).
   */
  @Test
  @SuppressWarnings("try") // the accepted socket is only held open, never used
  void aTlsConnectToAPeerThatNeverAnswersTimesOut() throws Exception {
    Node client = node("client", trustOnly, false); // handshake timeout 3 s
    try (java.net.ServerSocket mute =
        new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
      Thread holder =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try (java.net.Socket held = mute.accept()) {
                      Thread.sleep(20_000);
                    } catch (Exception closed) {
                      // the test ended
                    }
                  });
      long start = System.nanoTime();
      assertThrows(
          ClusterException.class, () -> client.cluster().connect("127.0.0.1", mute.getLocalPort()));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      org.junit.jupiter.api.Assertions.assertTrue(
          tookMillis < 10_000, "connect gave up after " + tookMillis + " ms");
      holder.interrupt();
    }
  }
}
