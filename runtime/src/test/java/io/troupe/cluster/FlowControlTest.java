package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.codec.Codecs;
import io.troupe.codec.MessageCodec;
import io.troupe.generated.GeneratedCodecs;
import io.troupe.internal.cluster.Frames;
import io.troupe.internal.cluster.proto.NameChange;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.testing.Await;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Flow control: toward a peer that stops reading, casts fill the bounded outbox and then fail with
 * {@link PeerBusyException} — nothing sent, the session up — instead of growing the heap; once the
 * peer reads again, every cast that was accepted arrives, once.
 */
class FlowControlTest {

  /** The remote actor's messages: one cast variant. */
  sealed interface Note {
    record Text(String text) implements Note {}
  }

  /** Found by {@code MessageCodec.forType(Note.class)} (the interface's binary name + "Codec"). */
  static final class NoteCodec implements MessageCodec<Note> {
    static {
      GeneratedCodecs.register(Note.class, new NoteCodec()); // how MessageCodec.forType finds it
    }

    @Override
    public Class<Note> messageType() {
      return Note.class;
    }

    @Override
    public String variant(Note message) {
      return "Text";
    }

    @Override
    public boolean isCall(String variant) {
      return false;
    }

    @Override
    public byte[] encodeArgs(Note message) {
      return Codecs.encode(Codecs.STRING, ((Note.Text) message).text());
    }

    @Override
    public Note decode(String variant, byte[] args, RpcReplyPort<?> replyPort) {
      return new Note.Text(Codecs.decode(Codecs.STRING, args));
    }

    @Override
    public byte[] encodeReply(String variant, Object reply) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object decodeReply(String variant, byte[] bytes) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  @SuppressWarnings("try") // the peer is closed early on purpose, before the reader is joined
  void aPeerThatStopsReadingMakesCastsFailAsBusyAndLosesNothingAccepted() throws Exception {
    NodeConfig config =
        NodeConfig.builder()
            .cookie(RawPeer.COOKIE)
            .keepalive(
                Duration.ofSeconds(1), Duration.ofSeconds(60)) // the stalled peer answers no pings
            .outbox(64 << 10, Duration.ofMillis(200))
            .build();
    try (Node node = Node.create("producer", config);
        Socket peer = new Socket()) {
      peer.setReceiveBufferSize(8 << 10); // a small window, so the stall reaches the outbox soon
      InetSocketAddress at = node.cluster().listen("127.0.0.1", 0);
      peer.connect(at);
      RawPeer.authenticate(peer, "stalled", RawPeer.COOKIE);
      peer.getOutputStream()
          .write(
              RawPeer.frame(
                  NetworkMessage.newBuilder()
                      .setNameChange(
                          NameChange.newBuilder()
                              .setName("sink")
                              .setRegistered(true)
                              .setActor(7)
                              .setMessageType(Note.class.getName()))
                      .build()));
      peer.getOutputStream().flush();
      Await.until("the sink is known", () -> node.registry().whereIs("sink").isPresent());
      @SuppressWarnings("unchecked")
      ActorRef<Note> sink = (ActorRef<Note>) node.registry().whereIs("sink").orElseThrow();

      // The peer reads nothing: casts are accepted until the outbox is full, then refused.
      String text = "x".repeat(1024);
      int accepted = 0;
      PeerBusyException busy = null;
      while (busy == null && accepted < 100_000) {
        try {
          sink.cast(new Note.Text(text));
          accepted++;
        } catch (PeerBusyException e) {
          busy = e;
        }
      }
      assertTrue(busy != null, "no PeerBusyException after " + accepted + " casts of 1 KiB");
      assertTrue(busy.getMessage().contains("stayed full"), busy.getMessage());
      assertEquals(new Note.Text(text), busy.undelivered());
      assertEquals(java.util.Set.of("stalled"), peerNames(node), "the session stays up");
      OutboxStats full = node.cluster().outboxes().getFirst();
      assertEquals("stalled", full.peer().name());
      assertEquals(64 << 10, full.messageLimit());
      assertTrue(
          full.messageLimit() - full.messageBytes() < 1024 + 64,
          "no room left for one more cast: " + full);
      assertTrue(full.fill() > 0.95 && full.fill() <= 1, full.toString());
      assertTrue(full.queuedFrames() > 0, full.toString());
      PeerBusyException again =
          assertThrows(PeerBusyException.class, () -> sink.cast(new Note.Text(text)));
      assertTrue(
          again.getMessage().contains("sink") || again.getMessage().contains("remote actor"),
          again.getMessage());

      // The peer reads again: everything accepted arrives, and new casts go through.
      AtomicInteger received = new AtomicInteger();
      Thread reader = Thread.ofVirtual().start(() -> readCasts(peer, received));
      int more = 50;
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      for (int i = 0; i < more; ) {
        try {
          sink.cast(new Note.Text(text)); // waits for room if need be (200 ms at most)
          i++;
        } catch (PeerBusyException stillFull) {
          // A loaded machine may not let the reader drain 64 KiB in 200 ms; a refused cast sent
          // nothing, so trying again keeps the count exact.
          assertTrue(
              System.nanoTime() < deadline, "the outbox never drained: " + stillFull.getMessage());
        }
      }
      int expected = accepted + more;
      Await.until(
          "every accepted cast arrives (" + expected + ")", () -> received.get() >= expected);
      assertEquals(expected, received.get(), "nothing refused was sent, nothing accepted was lost");
      Await.until(
          "the outbox is empty again",
          () -> node.cluster().outboxes().getFirst().messageBytes() == 0);
      peer.close();
      reader.join(5_000);
    }
  }

  private static java.util.Set<String> peerNames(Node n) {
    return n.cluster().peers().stream()
        .map(PeerInfo::name)
        .collect(java.util.stream.Collectors.toSet());
  }

  private static void readCasts(Socket peer, AtomicInteger received) {
    try {
      peer.setSoTimeout(0);
      InputStream in = peer.getInputStream();
      for (; ; ) {
        NetworkMessage m = Frames.read(in, 1 << 24);
        if (m.getKindCase() == NetworkMessage.KindCase.CAST) {
          received.incrementAndGet();
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(e);
    } catch (Exception closed) {
      // the test closed the socket
    }
  }
}
