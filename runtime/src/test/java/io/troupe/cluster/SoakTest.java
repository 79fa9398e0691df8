package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.codec.Codecs;
import io.troupe.internal.cluster.proto.ActorCast;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.internal.cluster.proto.Ping;
import io.troupe.rpc.CallResult;
import io.troupe.testing.Await;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A node under every flood at once — strangers opening connections (idle, or announcing huge
 * frames), an authenticated peer flooding casts at an actor that does not keep up, and one that
 * pings and never reads — keeps answering a legitimate peer's calls, with its heap bounded. Runs 3
 * s in the regular build; {@code -Dtroupe.soak=SECONDS} runs it longer.
 */
class SoakTest {

  /** Answers every call at once. */
  static final class Answering implements io.troupe.Actor<HostilePeerTest.Ask, Void, Void> {
    @Override
    public Void preStart(ActorRef<HostilePeerTest.Ask> self, Void args) {
      return null;
    }

    @Override
    public Void handle(
        ActorRef<HostilePeerTest.Ask> self, HostilePeerTest.Ask message, Void state) {
      ((HostilePeerTest.Ask.Get) message).reply().send("pong");
      return null;
    }
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  @Test
  void aNodeUnderFloodsKeepsServingALegitimatePeerWithBoundedHeap() throws Exception {
    long seconds = Long.getLong("troupe.soak", 3);
    NodeConfig.Builder config =
        NodeConfig.builder()
            .cookie(RawPeer.COOKIE)
            .keepalive(Duration.ofMillis(200), Duration.ofSeconds(5))
            .handshakeTimeout(Duration.ofSeconds(1))
            .inboundQueue(1 << 20)
            .controlOutbox(1 << 20);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> attackers = new ArrayList<>();
    try (Node server = Node.create("server", config.build());
        Node friend = Node.create("friend", config.build())) {
      server.spawn("echo", new Answering(), null);
      HostilePeerTest.Gated gated = new HostilePeerTest.Gated();
      ActorRef<FlowControlTest.Note> sink = server.spawn("sink", gated, null);
      int port = server.cluster().listen("127.0.0.1", 0).getPort();
      friend.cluster().connect("127.0.0.1", port);
      Await.until("echo reachable", () -> friend.registry().whereIs("echo").isPresent());
      @SuppressWarnings("unchecked")
      ActorRef<HostilePeerTest.Ask> echo =
          (ActorRef<HostilePeerTest.Ask>) friend.registry().whereIs("echo").orElseThrow();
      long baseline = usedHeap();

      // Strangers: connections that say nothing, or announce a 16 MiB frame, then go.
      for (int t = 0; t < 4; t++) {
        attackers.add(
            Thread.ofPlatform()
                .daemon()
                .start(
                    () -> {
                      while (!stop.get()) {
                        try (Socket s = new Socket("127.0.0.1", port)) {
                          if (ThreadLocalRandom.current().nextBoolean()) {
                            s.getOutputStream()
                                .write(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08});
                          }
                          Thread.sleep(ThreadLocalRandom.current().nextInt(20));
                        } catch (IOException | InterruptedException refused) {
                          // refused at the caps, or closed
                        }
                      }
                    }));
      }
      // An authenticated flooder at an actor that never takes its messages.
      AtomicLong flooded = new AtomicLong();
      attackers.add(
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    byte[] frame;
                    try (Socket s = new Socket("127.0.0.1", port)) {
                      RawPeer.authenticate(s, "flooder", 42, RawPeer.COOKIE);
                      frame =
                          RawPeer.frame(
                              NetworkMessage.newBuilder()
                                  .setCast(
                                      ActorCast.newBuilder()
                                          .setTarget(sink.id().local())
                                          .setVariant("Text")
                                          .setArgs(
                                              ByteString.copyFrom(
                                                  Codecs.encode(Codecs.STRING, "x".repeat(4000)))))
                                  .build());
                      s.setSoTimeout(0);
                      OutputStream out = s.getOutputStream();
                      while (!stop.get()) {
                        out.write(frame);
                        flooded.addAndGet(frame.length);
                      }
                    } catch (Exception closed) {
                      // the test ended
                    }
                  }));
      // A peer that pings and never reads.
      attackers.add(
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    while (!stop.get()) {
                      try (Socket s = new Socket()) {
                        s.setReceiveBufferSize(4096);
                        s.connect(new InetSocketAddress("127.0.0.1", port));
                        RawPeer.authenticate(s, "pinger", 43, RawPeer.COOKIE);
                        byte[] ping =
                            RawPeer.frame(
                                NetworkMessage.newBuilder()
                                    .setPing(Ping.newBuilder().setSequence(1))
                                    .build());
                        OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
                        while (!stop.get()) {
                          out.write(ping);
                        }
                      } catch (Exception dropped) {
                        // dropped as a peer that does not read: again
                      }
                    }
                  }));

      long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      int calls = 0;
      long peakHeap = 0;
      while (System.nanoTime() < until) {
        CallResult<String> answer = echo.call(HostilePeerTest.Ask.Get::new, Duration.ofSeconds(5));
        assertEquals(new CallResult.Success<>("pong"), answer, "call " + calls);
        calls++;
        if (calls % 20 == 0) {
          peakHeap = Math.max(peakHeap, usedHeap() - baseline);
        }
        Thread.sleep(20);
      }
      stop.set(true);
      peakHeap = Math.max(peakHeap, usedHeap() - baseline);
      System.out.printf(
          "soak: %d s, %d calls answered, %d MiB flooded at the stalled actor, heap growth at most %d MiB%n",
          seconds, calls, flooded.get() >> 20, peakHeap >> 20);
      assertTrue(calls > 0);
      assertTrue(peakHeap < 128L << 20, "heap grew by " + (peakHeap >> 20) + " MiB");
      assertTrue(server.cluster().peers().stream().anyMatch(p -> p.name().equals("friend")));
      gated.gate.countDown();
    } finally {
      stop.set(true);
      for (Thread t : attackers) {
        t.join(5_000);
      }
    }
  }
}
