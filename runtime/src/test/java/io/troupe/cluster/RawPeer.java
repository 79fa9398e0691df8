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

/** A peer driven by hand over a raw socket: frames written and read one by one, the handshake done step by step. */
final class RawPeer {
  private RawPeer() {}

  /** The bytes of one frame. */
  static byte[] frame(NetworkMessage m) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Frames.write(bytes, m);
    return bytes.toByteArray();
  }

  /** Runs the handshake by hand over a raw socket, as node {@code name}. */
  static void authenticate(Socket s, String name, String cookie) throws Exception {
    s.setSoTimeout(5000);
    OutputStream out = s.getOutputStream();
    InputStream in = s.getInputStream();
    byte[] nonce = CookieProof.freshNonce();
    CookieProof proofs = new CookieProof(cookie.getBytes(StandardCharsets.UTF_8));
    out.write(
        frame(
            NetworkMessage.newBuilder()
                .setHello(
                    Hello.newBuilder()
                        .setNodeName(name)
                        .setNodeId(42)
                        .setProtocolVersion(1)
                        .setNonce(ByteString.copyFrom(nonce)))
                .build()));
    out.flush();
    Hello theirs = Frames.read(in, 1 << 20).getHello();
    byte[] proof = proofs.prove(theirs.getNonce().toByteArray(), nonce, theirs.getNodeName(), name);
    out.write(frame(NetworkMessage.newBuilder().setProof(Proof.newBuilder().setHmac(ByteString.copyFrom(proof))).build()));
    out.flush();
    Frames.read(in, 1 << 20); // their proof
    out.write(frame(NetworkMessage.newBuilder().setAuthenticated(Authenticated.getDefaultInstance()).build()));
    out.flush();
    Frames.read(in, 1 << 20); // their authenticated
  }
}
