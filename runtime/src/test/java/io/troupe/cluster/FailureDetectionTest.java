package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Node;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.internal.cluster.proto.Ping;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The phi-accrual detector over real sessions: a peer that falls silent is declared down by phi,
 * not by the fixed timeout.
 */
class FailureDetectionTest {

  @Test
  void aPeerThatFallsSilentIsDeclaredDownByPhiLongBeforeTheKeepaliveTimeout() throws Exception {
    // The hard timeout is 60 s: only the detector can end the session within the test's deadline.
    NodeConfig config =
        NodeConfig.builder()
            .cookie(RawPeer.COOKIE)
            .keepalive(Duration.ofMillis(100), Duration.ofSeconds(60))
            .failureDetector(8, Duration.ofMillis(300), Duration.ofMillis(50))
            .build();
    try (Node node = Node.create("watcher", config)) {
      CompletableFuture<NodeEvent.NodeDisconnected> down = new CompletableFuture<>();
      node.cluster()
          .subscribe(
              e -> {
                if (e instanceof NodeEvent.NodeDisconnected d) {
                  down.complete(d);
                }
              });
      int port = node.cluster().listen("127.0.0.1", 0).getPort();
      try (Socket raw = new Socket("127.0.0.1", port)) {
        RawPeer.authenticate(raw, "heart", RawPeer.COOKIE);
        for (int i = 1; i <= 20; i++) { // 2 s of heartbeats every 100 ms
          RawPeer.send(
              raw, NetworkMessage.newBuilder().setPing(Ping.newBuilder().setSequence(i)).build());
          Thread.sleep(100); // the heartbeat rhythm itself, not a wait for a result
          assertTrue(
              !down.isDone(),
              "a peer beating regularly stays up: " + (down.isDone() ? down.get().reason() : ""));
        }
        long silentSince = System.nanoTime();
        NodeEvent.NodeDisconnected event = down.get(20, TimeUnit.SECONDS);
        long detectedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentSince);
        assertEquals(DisconnectCause.FAILURE_DETECTED, event.cause(), event.reason());
        assertTrue(
            event.reason().contains("phi") && event.reason().contains("threshold 8.0"),
            event.reason());
        assertTrue(detectedMillis < 10_000, "detected after " + detectedMillis + " ms");
        System.out.println(
            "FailureDetectionTest: silent peer declared down after "
                + detectedMillis
                + " ms: "
                + event.reason());
      }
    }
  }

  @Test
  void disconnectsSayWhy() throws Exception {
    NodeConfig config = NodeConfig.builder().cookie(RawPeer.COOKIE).build();
    try (Node a = Node.create("a", config);
        Node b = Node.create("b", config)) {
      CompletableFuture<NodeEvent.NodeDisconnected> onA = new CompletableFuture<>();
      CompletableFuture<NodeEvent.NodeDisconnected> onB = new CompletableFuture<>();
      a.cluster()
          .subscribe(
              e -> {
                if (e instanceof NodeEvent.NodeDisconnected d) {
                  onA.complete(d);
                }
              });
      b.cluster()
          .subscribe(
              e -> {
                if (e instanceof NodeEvent.NodeDisconnected d) {
                  onB.complete(d);
                }
              });
      a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
      a.cluster().disconnect("b");
      assertEquals(DisconnectCause.DISCONNECTED, onA.get(10, TimeUnit.SECONDS).cause());
      assertEquals(DisconnectCause.CLOSED_BY_PEER, onB.get(10, TimeUnit.SECONDS).cause());
    }
  }
}
