package io.troupe.integration.cluster;

import static io.troupe.integration.cluster.LocalNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.annotation.ClusterMessage;
import io.troupe.cluster.FrameTooLargeException;
import io.troupe.cluster.NodeConfig;
import io.troupe.cluster.NodeEvent;
import io.troupe.cluster.RemoteActorFailure;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messages larger than the session's frame limit (the smaller of both nodes' maximums) are refused
 * at the sender with a typed error; the session stays up and later messages arrive.
 */
public class FrameLimitTest {
  private static final int SMALL = 2048;

  @ClusterMessage
  public sealed interface BlobMsg {
    record Put(String text) implements BlobMsg {}

    record Echo(String text, RpcReplyPort<String> reply) implements BlobMsg {}

    record Make(int length, RpcReplyPort<String> reply) implements BlobMsg {}

    /** The texts received so far, joined by commas. */
    record Received(RpcReplyPort<String> reply) implements BlobMsg {}

    /** Fails with a message of {@code length} characters. */
    record Fail(int length) implements BlobMsg {}
  }

  /** Keeps the texts it is sent; joins "blobs" when it starts. */
  public static final class Blobs implements Actor<BlobMsg, List<String>, Void> {
    @Override
    public List<String> preStart(ActorRef<BlobMsg> self, Void args) {
      self.node().groups().join("blobs", List.of(self));
      return new ArrayList<>();
    }

    @Override
    public List<String> handle(ActorRef<BlobMsg> self, BlobMsg message, List<String> texts) {
      switch (message) {
        case BlobMsg.Put put -> texts.add(put.text());
        case BlobMsg.Echo echo -> echo.reply().send(echo.text());
        case BlobMsg.Make make -> make.reply().send("y".repeat(make.length()));
        case BlobMsg.Received r -> r.reply().send(String.join(",", texts));
        case BlobMsg.Fail f -> throw new IllegalStateException("w".repeat(f.length()));
      }
      return texts;
    }
  }

  /** Records the supervision events it gets. */
  static final class Watcher implements Actor<String, Void, Void> {
    final List<SupervisionEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public Void preStart(ActorRef<String> self, Void args) {
      return null;
    }

    @Override
    public Void handleSupervisorEvent(ActorRef<String> self, SupervisionEvent event, Void state) {
      events.add(event);
      return null;
    }
  }

  @RegisterExtension final LocalNodes cluster = new LocalNodes(NodeConfig.generateCookie());
  private final List<NodeEvent> disconnects = new CopyOnWriteArrayList<>();

  private Node node(String name, int maxFrameBytes) {
    Node n = cluster.node(name, config -> config.maxFrameBytes(maxFrameBytes));
    n.cluster()
        .subscribe(
            e -> {
              if (e instanceof NodeEvent.NodeDisconnected) {
                disconnects.add(e);
              }
            });
    return n;
  }

  /**
   * Connects {@code from} to {@code to} (which runs a Blobs actor) and returns the proxy on {@code
   * from}.
   */
  @SuppressWarnings("unchecked")
  private static ActorRef<BlobMsg> connectAndFindBlobs(Node from, Node to) {
    from.cluster().connect("127.0.0.1", to.cluster().listen("127.0.0.1", 0).getPort());
    assertEquals(
        1,
        from.groups().members("blobs").size(),
        "connect returns once the peer's groups are here");
    return (ActorRef<BlobMsg>) from.groups().members("blobs").getFirst();
  }

  private void assertStillConnected(Node a, Node b) {
    assertEquals(List.of(b.name()), a.cluster().peers().stream().map(p -> p.name()).toList());
    assertEquals(List.of(a.name()), b.cluster().peers().stream().map(p -> p.name()).toList());
    assertEquals(List.of(), disconnects);
  }

  @Test
  void aCastOverThePeersMaximumFailsAtTheSenderAndTheSessionStays() {
    Node a = node("a", 16 << 20);
    Node b = node("b", SMALL); // announces 2048 bytes in its Hello
    b.spawn(new Blobs(), null);
    ActorRef<BlobMsg> remote = connectAndFindBlobs(a, b);
    BlobMsgRef blobs = BlobMsgRef.from(remote);

    // Interleaved, many times: every small cast arrives, in order; no big one is written.
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      blobs.put("s" + i);
      expected.add("s" + i);
      BlobMsg.Put big = new BlobMsg.Put("x".repeat(SMALL + i));
      FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> remote.cast(big));
      assertEquals(SMALL, e.limitBytes());
      assertTrue(e.frameBytes() > SMALL, "frame " + e.frameBytes());
      assertSame(big, e.undelivered());
      assertTrue(
          e.getMessage().contains(e.frameBytes() + " bytes")
              && e.getMessage().contains(SMALL + " bytes"),
          e.getMessage());
    }
    assertEquals(String.join(",", expected), blobs.received(Duration.ofSeconds(5)));
    assertStillConnected(a, b);
  }

  @Test
  void aCallOverTheLimitThrowsAtTheCallerAndLeavesNothingPending() {
    Node a = node("a", SMALL); // its own maximum is the smaller one here
    Node b = node("b", 16 << 20);
    b.spawn(new Blobs(), null);
    ActorRef<BlobMsg> remote = connectAndFindBlobs(a, b);
    String big = "z".repeat(SMALL);
    FrameTooLargeException e =
        assertThrows(
            FrameTooLargeException.class,
            () -> remote.<String>call(r -> new BlobMsg.Echo(big, r), Duration.ofSeconds(5)));
    assertEquals(SMALL, e.limitBytes());
    assertThrows(
        FrameTooLargeException.class,
        () -> BlobMsgRef.from(remote).echoAsync(big, Duration.ofSeconds(5)));
    // A call variant built by hand and cast travels as a call: refused the same way.
    assertThrows(
        FrameTooLargeException.class,
        () ->
            remote.cast(
                new BlobMsg.Echo(
                    big,
                    new RpcReplyPort<String>(new java.util.concurrent.CompletableFuture<>()))));
    assertEquals("small", BlobMsgRef.from(remote).echo("small", Duration.ofSeconds(5)));
    assertStillConnected(a, b);
  }

  @Test
  void anAnswerTooLargeForTheCallersNodeFailsTheCallAtOnce() throws Exception {
    Node a = node("a", SMALL);
    Node b = node("b", 16 << 20);
    b.spawn(new Blobs(), null);
    ActorRef<BlobMsg> remote = connectAndFindBlobs(a, b);
    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      int length = SMALL + i;
      // A long timeout: the error must come from the answering node, not from waiting.
      CallResult<String> result =
          remote
              .<String>callAsync(r -> new BlobMsg.Make(length, r), Duration.ofSeconds(60))
              .get(10, TimeUnit.SECONDS);
      assertInstanceOf(CallResult.SenderError.class, result);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
      assertEquals(100 + i, BlobMsgRef.from(remote).make(100 + i, Duration.ofSeconds(5)).length());
    }
    assertStillConnected(a, b);
  }

  @Test
  void aFailureWithAHugeMessageStillReachesMonitorsShortened() {
    Node a = node("a", SMALL);
    Node b = node("b", 16 << 20);
    b.spawn(new Blobs(), null);
    ActorRef<BlobMsg> remote = connectAndFindBlobs(a, b);
    Watcher watcher = new Watcher();
    a.spawn(watcher, null).monitor(remote);
    BlobMsgRef.from(remote).fail(10 * SMALL); // small to send; the failure's message is large
    await("the failure", () -> !watcher.events.isEmpty());
    SupervisionEvent.ActorFailed failed =
        assertInstanceOf(SupervisionEvent.ActorFailed.class, watcher.events.getFirst());
    RemoteActorFailure failure = assertInstanceOf(RemoteActorFailure.class, failed.error());
    assertEquals(IllegalStateException.class.getName(), failure.errorType());
    assertTrue(failure.getMessage().endsWith("(truncated)"), failure.getMessage());
    assertTrue(failure.getMessage().length() < SMALL);
    assertTrue(failure.getMessage().contains("www"));
    assertStillConnected(a, b);
  }

  @Test
  void aLargeGroupIsAdvertisedInSeveralFrames() {
    Node a = node("a", NodeConfig.MIN_FRAME_BYTES);
    Node b = node("b", 16 << 20);
    int members = 100; // about 60 bytes each: several KiB in one GroupChange
    for (int i = 0; i < members; i++) {
      b.spawn(new Blobs(), null);
    }
    a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
    await("all members", () -> a.groups().members("blobs").size() == members);
    assertStillConnected(a, b);
  }
}
