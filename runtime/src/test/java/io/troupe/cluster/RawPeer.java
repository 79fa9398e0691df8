package io.troupe.cluster;

import com.google.protobuf.ByteString;
import io.troupe.internal.cluster.CookieProof;
import io.troupe.internal.cluster.Frames;
import io.troupe.internal.cluster.proto.Authenticated;
import io.troupe.internal.cluster.proto.Hello;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.internal.cluster.proto.Proof;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A peer driven by hand over a raw socket: frames written and read one by one, the handshake done
 * step by step.
 */
final class RawPeer {
  /** A strong cookie the nodes of a test share. */
  static final String COOKIE = NodeConfig.generateCookie();

  private RawPeer() {}

  /** A version-2 {@code Hello} from node {@code name} with id {@code id} and a fresh nonce. */
  static NetworkMessage hello(String name, long id, byte[] nonce) {
    return NetworkMessage.newBuilder()
        .setHello(
            Hello.newBuilder()
                .setNodeName(name)
                .setNodeId(id)
                .setProtocolVersion(2)
                .setNonce(ByteString.copyFrom(nonce)))
        .build();
  }

  /** The bytes of one frame. */
  static byte[] frame(NetworkMessage m) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Frames.write(bytes, m);
    return bytes.toByteArray();
  }

  /** Runs the handshake by hand over a raw socket, as node {@code name}. */
  static Authenticated authenticate(Socket s, String name, String cookie) throws Exception {
    return authenticate(s, name, 42, cookie);
  }

  /** Runs the handshake by hand over a raw socket, as node {@code name} with id {@code id}. */
  static Authenticated authenticate(Socket s, String name, long id, String cookie)
      throws Exception {
    s.setSoTimeout(5000);
    OutputStream out = s.getOutputStream();
    InputStream in = s.getInputStream();
    byte[] nonce = CookieProof.freshNonce();
    CookieProof proofs = new CookieProof(cookie.getBytes(StandardCharsets.UTF_8));
    out.write(frame(hello(name, id, nonce)));
    out.flush();
    Hello theirs = nextFrame(in).getHello();
    byte[] proof =
        proofs.prove(
            theirs.getNonce().toByteArray(),
            nonce,
            theirs.getNodeName(),
            name,
            false); // connecting: proves first
    out.write(
        frame(
            NetworkMessage.newBuilder()
                .setProof(Proof.newBuilder().setHmac(ByteString.copyFrom(proof)))
                .build()));
    out.flush();
    nextFrame(in); // their proof
    out.write(
        frame(
            NetworkMessage.newBuilder()
                .setAuthenticated(Authenticated.getDefaultInstance())
                .build()));
    out.flush();
    return nextFrame(in).getAuthenticated(); // their authenticated
  }

  /**
   * The next frame of the handshake; a peer that closed the connection instead is an IOException.
   */
  private static NetworkMessage nextFrame(InputStream in) throws IOException {
    NetworkMessage frame = Frames.read(in, 1 << 20);
    if (frame == null) {
      throw new java.io.EOFException("the peer closed the connection during the handshake");
    }
    return frame;
  }

  /**
   * Reads frames until one of {@code kind} comes, skipping the others (gossip, advertisements,
   * pings).
   */
  static NetworkMessage readUntil(InputStream in, NetworkMessage.KindCase kind) throws IOException {
    for (; ; ) {
      NetworkMessage m = Frames.read(in, 1 << 24);
      if (m == null) {
        throw new java.io.EOFException("closed before a " + kind);
      }
      if (m.getKindCase() == kind) {
        return m;
      }
    }
  }

  /** Writes frames and flushes. */
  static void send(Socket s, NetworkMessage... messages) throws IOException {
    OutputStream out = s.getOutputStream();
    for (NetworkMessage m : messages) {
      out.write(frame(m));
    }
    out.flush();
  }

  /** Sends a ping and waits for its pong: everything sent before it on this session was handled. */
  static void roundTrip(Socket s, long sequence) throws IOException {
    send(
        s,
        NetworkMessage.newBuilder()
            .setPing(io.troupe.internal.cluster.proto.Ping.newBuilder().setSequence(sequence))
            .build());
    for (; ; ) {
      NetworkMessage m = readUntil(s.getInputStream(), NetworkMessage.KindCase.PONG);
      if (m.getPong().getSequence() == sequence) {
        return;
      }
    }
  }
}
