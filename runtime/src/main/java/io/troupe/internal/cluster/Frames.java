package io.troupe.internal.cluster;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.troupe.internal.cluster.proto.NetworkMessage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Frames on a session: a varint length followed by that many bytes of one {@link NetworkMessage}.
 * A length above the configured maximum is refused before anything is allocated.
 */
public final class Frames {
  private Frames() {}

  /** Writes one frame; the caller flushes. */
  public static void write(OutputStream out, NetworkMessage message) throws IOException {
    byte[] body = message.toByteArray();
    byte[] prefix = new byte[CodedOutputStream.computeUInt32SizeNoTag(body.length)];
    CodedOutputStream.newInstance(prefix).writeUInt32NoTag(body.length);
    out.write(prefix);
    out.write(body);
  }

  /**
   * Reads one frame.
   *
   * @return the message, or null on a clean end of stream between frames
   * @throws ProtocolException on an oversized, truncated or unparsable frame
   */
  public static NetworkMessage read(InputStream in, int maxFrameBytes) throws IOException {
    int length = readLength(in);
    if (length < 0) {
      return null;
    }
    if (length > maxFrameBytes) {
      throw new ProtocolException("frame of " + length + " bytes exceeds the maximum of " + maxFrameBytes);
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new ProtocolException("truncated frame: " + body.length + " of " + length + " bytes");
    }
    try {
      return NetworkMessage.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new ProtocolException("unparsable frame: " + e.getMessage(), e);
    }
  }

  /** A varint of at most 5 bytes; -1 at a clean end of stream. */
  private static int readLength(InputStream in) throws IOException {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = in.read();
      if (b < 0) {
        if (shift == 0) {
          return -1;
        }
        throw new ProtocolException("truncated frame length");
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (result < 0) {
          throw new ProtocolException("negative frame length");
        }
        return result;
      }
    }
    throw new ProtocolException("malformed frame length (more than 5 bytes)");
  }

  static EOFException closed() {
    return new EOFException("the peer closed the connection");
  }
}
