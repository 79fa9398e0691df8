package io.troupe.integration.cluster;

import io.troupe.Node;
import io.troupe.cluster.NodeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The nodes of one test on 127.0.0.1, sharing a cookie and a quick keepalive (200 ms pings, a peer
 * silent for 2 s is dead), all closed by {@link #close()} — after each test when registered with
 * {@code @RegisterExtension}; and {@link #await}, for conditions that become true on other threads.
 */
final class LocalNodes implements AutoCloseable, AfterEachCallback {
  private final String cookie;
  private final List<Node> nodes = new ArrayList<>();

  LocalNodes(String cookie) {
    this.cookie = cookie;
  }

  /** A new node with the shared settings. */
  Node node(String name) {
    return node(name, config -> config);
  }

  /**
   * A new node with the shared settings, adjusted by {@code tweak} (e.g. a smaller maximum frame).
   */
  Node node(String name, UnaryOperator<NodeConfig.Builder> tweak) {
    Node n = Node.create(name, tweak.apply(config(cookie)).build());
    nodes.add(n);
    return n;
  }

  /** The shared settings, for a node made elsewhere (another JVM). */
  static NodeConfig.Builder config(String cookie) {
    return NodeConfig.builder()
        .cookie(cookie)
        .keepalive(Duration.ofMillis(200), Duration.ofSeconds(2));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    nodes.forEach(Node::close);
    nodes.clear();
  }

  /** Waits until {@code condition} holds, failing the test after {@code seconds}. */
  static void await(String what, BooleanSupplier condition, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** {@link #await(String, BooleanSupplier, int)} with 10 seconds. */
  static void await(String what, BooleanSupplier condition) {
    await(what, condition, 10);
  }
}
