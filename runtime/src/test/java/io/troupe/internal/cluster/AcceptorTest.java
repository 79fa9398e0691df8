package io.troupe.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The accept loop survives transient accept errors (as when the process runs out of descriptors).
 */
class AcceptorTest {

  /**
   * A listening socket whose accept fails like a process out of file descriptors, {@code failures}
   * times.
   */
  private static final class Exhausted extends ServerSocket {
    private final AtomicInteger failures;

    Exhausted(int failures) throws IOException {
      super(0, 50, InetAddress.getLoopbackAddress());
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public Socket accept() throws IOException {
      if (failures.getAndDecrement() > 0) {
        throw new SocketException("Too many open files");
      }
      return super.accept();
    }
  }

  @Test
  @SuppressWarnings("try") // the server is closed early on purpose: that ends the accept loop
  void transientErrorsAreReportedAndSurvivedWithAGrowingPause() throws Exception {
    AtomicBoolean stopped = new AtomicBoolean();
    AtomicInteger reported = new AtomicInteger();
    LinkedBlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    try (Exhausted server = new Exhausted(6)) {
      long start = System.nanoTime();
      Thread loop =
          Thread.ofPlatform()
              .start(
                  () ->
                      Acceptor.run(
                          server, stopped::get, accepted::add, e -> reported.incrementAndGet()));
      try (Socket client = new Socket()) {
        client.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        Socket in = accepted.poll(10, TimeUnit.SECONDS);
        assertTrue(in != null, "nothing accepted after the errors");
        in.close();
      }
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(6, reported.get());
      // Pauses of 10, 20, 40, 80, 160, 320 ms: no spinning through the errors.
      assertTrue(tookMillis >= 600, "retried too fast: " + tookMillis + " ms");
      stopped.set(true);
      server.close();
      loop.join(5_000);
      assertTrue(!loop.isAlive(), "the loop ends when the socket closes");
    }
  }
}
