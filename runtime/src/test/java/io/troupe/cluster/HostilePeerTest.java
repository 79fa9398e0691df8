package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.troupe.Node;
import io.troupe.internal.cluster.CookieProof;
import io.troupe.internal.cluster.Frames;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.internal.cluster.proto.Proof;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on a node from 127.0.0.1 by clients that do not know the cookie, or that know it and
 * misbehave, each driven by hand over a raw socket (see {@link RawPeer}); every test is bounded in
 * connections and time.
 */
class HostilePeerTest {
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  private Node node(String name, UnaryOperator<NodeConfig.Builder> tweak) {
    NodeConfig.Builder b =
        NodeConfig.builder()
            .cookie(RawPeer.COOKIE)
            .keepalive(Duration.ofMillis(200), Duration.ofSeconds(3))
            .handshakeTimeout(Duration.ofSeconds(2))
            .maxFrameBytes(64 * 1024);
    Node n = Node.create(name, tweak.apply(b).build());
    nodes.add(n);
    return n;
  }

  private Node node(String name) {
    return node(name, b -> b);
  }

  static Set<String> peerNames(Node n) {
    return n.cluster().peers().stream().map(PeerInfo::name).collect(Collectors.toSet());
  }

  /** Every frame the node sends until it closes the connection (or a read times out). */
  static List<NetworkMessage> readUntilClosed(InputStream in) {
    List<NetworkMessage> frames = new ArrayList<>();
    try {
      for (NetworkMessage m; (m = Frames.read(in, 1 << 20)) != null; ) {
        frames.add(m);
      }
    } catch (IOException closedOrReset) {
      // as good as the end of the stream here
    }
    return frames;
  }

  // ------------------------------------------------------------------ 1: nothing to guess against

  /**
   * A client that does not know the cookie says Hello and sends a made-up proof: the node answers
   * with its Hello only and closes, so the client holds nothing computed from the cookie (before,
   * the node sent its own proof right after the client's Hello: material for an offline guess).
   */
  @Test
  void anUnauthenticatedClientGetsNoProofToGuessAgainst() throws Exception {
    Node server = node("server");
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    for (int round = 0; round < 3; round++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write(RawPeer.frame(RawPeer.hello("guesser", 7, CookieProof.freshNonce())));
        out.flush();
        InputStream in = s.getInputStream();
        NetworkMessage first = Frames.read(in, 1 << 20);
        assertEquals(NetworkMessage.KindCase.HELLO, first.getKindCase());
        if (round > 0) { // round 0 waits silently: nothing more comes before the client proves
          byte[] guess = new CookieProof("guess".getBytes()).prove(
              first.getHello().getNonce().toByteArray(), new byte[32], "server", "guesser", false);
          out.write(RawPeer.frame(NetworkMessage.newBuilder().setProof(Proof.newBuilder().setHmac(ByteString.copyFrom(guess))).build()));
          out.flush();
        }
        List<NetworkMessage> rest = readUntilClosed(in); // round 0: closed at the handshake timeout
        assertTrue(rest.stream().noneMatch(NetworkMessage::hasProof), "the node proved itself to a stranger: " + rest);
      }
    }
    assertEquals(List.of(), server.cluster().peers());
  }

  /** A client that does know the cookie still authenticates, and so do two nodes. */
  @Test
  void aClientThatProvesFirstIsAnswered() throws Exception {
    Node server = node("server");
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      RawPeer.authenticate(s, "knower", RawPeer.COOKIE);
      io.troupe.testing.Await.until("authenticated", () -> peerNames(server).equals(Set.of("knower")));
    }
    Node client = node("client");
    assertEquals("server", client.cluster().connect("127.0.0.1", port).name());
  }

  /** Weak cookies are refused when the configuration is built; generated ones are accepted. */
  @Test
  void weakCookiesAreRefusedAndGeneratedOnesAccepted() {
    for (String weak :
        List.of("secret", "shared-secret", "demo-cookie", "a".repeat(100), "ab".repeat(40), "abcd".repeat(40), "correct".repeat(8), "0123456789", "Password123!", "x")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> NodeConfig.builder().cookie(weak).build(), weak);
      assertTrue(e.getMessage().contains("generateCookie"), e.getMessage());
    }
    String one = NodeConfig.generateCookie();
    String two = NodeConfig.generateCookie();
    assertNotEquals(one, two);
    assertTrue(NodeConfig.cookieStrength(one) >= 200, one + ": " + NodeConfig.cookieStrength(one));
    java.security.SecureRandom random = new java.security.SecureRandom();
    for (int i = 0; i < 1000; i++) {
      byte[] key = new byte[16];
      random.nextBytes(key);
      String hex = HexFormat.of().formatHex(key); // a random 128-bit key, as 32 hex digits
      assertTrue(NodeConfig.cookieStrength(hex) >= NodeConfig.MIN_COOKIE_BITS, hex + ": " + NodeConfig.cookieStrength(hex));
      NodeConfig.builder().cookie(NodeConfig.generateCookie()).build();
    }
  }

  // ------------------------------------------------------------------ 2: memory before auth

  /**
   * A stranger announces a frame far larger than a handshake (though under maxFrameBytes): the
   * node closes at once, from the prefix, instead of waiting to buffer the body.
   */
  @Test
  void aLargeFrameBeforeAuthenticationIsRefusedFromItsPrefix() throws Exception {
    Node server = node("server", b -> b.handshakeTimeout(Duration.ofSeconds(20)));
    int port = server.cluster().listen("127.0.0.1", 0).getPort();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(new byte[] {(byte) 0xd0, (byte) 0x86, 0x03}); // a length of 50,000 bytes, then nothing
      out.flush();
      long start = System.nanoTime();
      List<NetworkMessage> answers = readUntilClosed(s.getInputStream());
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(List.of(NetworkMessage.KindCase.HELLO), answers.stream().map(NetworkMessage::getKindCase).toList());
      assertTrue(tookMillis < 5_000, "closed after " + tookMillis + " ms: it waited for the body");
    }
  }

  /**
   * Strangers that open connections and say nothing hold at most the per-address cap of pending
   * handshakes; later ones are closed at once; once they go, a real peer connects.
   */
  @Test
  void pendingHandshakesAreCappedPerAddressAndInTotal() throws Exception {
    for (boolean perAddress : new boolean[] {true, false}) {
      Node server =
          node("server", b -> b.handshakeTimeout(Duration.ofSeconds(20)).pendingHandshakes(perAddress ? 100 : 4, perAddress ? 4 : 100));
      int port = server.cluster().listen("127.0.0.1", 0).getPort();
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          Socket s = new Socket("127.0.0.1", port);
          s.setSoTimeout(10_000);
          idle.add(s);
          assertEquals(NetworkMessage.KindCase.HELLO, Frames.read(s.getInputStream(), 1 << 20).getKindCase(), "slot " + i);
        }
        for (int i = 0; i < 5; i++) {
          try (Socket extra = new Socket("127.0.0.1", port)) {
            extra.setSoTimeout(10_000);
            long start = System.nanoTime();
            List<NetworkMessage> answers = readUntilClosed(extra.getInputStream());
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(List.of(), answers, "a connection over the cap is closed before the handshake");
            assertTrue(tookMillis < 5_000, "closed after " + tookMillis + " ms");
          }
        }
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
      Node client = node("client" + perAddress);
      io.troupe.testing.Await.until("the idle ones are gone", () -> {
        try {
          client.cluster().connect("127.0.0.1", port);
          return true;
        } catch (ClusterException stillFull) {
          return false;
        }
      });
    }
  }
}
