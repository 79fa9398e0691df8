package io.troupe.internal.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A listening socket's accept loop. An error from {@code accept()} while the socket is open (out of
 * file descriptors, out of buffers, a connection reset before it was accepted) is transient: it is
 * reported and retried after a pause that doubles from 10 ms up to 1 s, so a node that ran out of
 * descriptors accepts again once they are back, without spinning meanwhile.
 */
final class Acceptor {
  static final long FIRST_PAUSE_MILLIS = 10;
  static final long MAX_PAUSE_MILLIS = 1000;

  private Acceptor() {}

  /**
   * Accepts until {@code stopped} or the socket closes; each connection goes to {@code accepted}.
   */
  static void run(
      ServerSocket server,
      BooleanSupplier stopped,
      Consumer<Socket> accepted,
      Consumer<IOException> failed) {
    long pause = 0;
    while (!stopped.getAsBoolean() && !server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (stopped.getAsBoolean() || server.isClosed()) {
          return;
        }
        failed.accept(e);
        pause = pause == 0 ? FIRST_PAUSE_MILLIS : Math.min(MAX_PAUSE_MILLIS, pause * 2);
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          return;
        }
        continue;
      }
      pause = 0;
      accepted.accept(socket);
    }
  }
}
