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
                keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + alias, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
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
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
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
}
