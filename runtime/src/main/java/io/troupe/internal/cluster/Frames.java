package io.troupe.internal.cluster;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.troupe.internal.cluster.proto.NetworkMessage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Frames on a session: a varint length followed by that many bytes of one {@link NetworkMessage}. A
 * length above the configured maximum is refused before anything is allocated.
 */
public final class Frames {
  /**
   * The most repeated elements (group members, their type names, peer addresses) one frame may
   * carry. Decoding turns each into an object several times its wire size (a one-byte actor id
   * becomes a boxed long), so a frame over it is refused before it is parsed; senders split.
   */
  public static final int MAX_ELEMENTS = 65_536;

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
      throw new ProtocolException(
          "frame of " + length + " bytes exceeds the maximum of " + maxFrameBytes);
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new ProtocolException("truncated frame: " + body.length + " of " + length + " bytes");
    }
    try {
      int elements = countElements(body);
      if (elements > MAX_ELEMENTS) {
        throw new ProtocolException(
            "frame of " + elements + " repeated elements exceeds the maximum of " + MAX_ELEMENTS);
      }
      return NetworkMessage.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new ProtocolException("unparsable frame: " + e.getMessage(), e);
    }
  }

  /**
   * The repeated elements of a frame, counted on the wire without parsing it: the fields of its
   * {@code GroupChange} and {@code PeerList} (the messages with repeated fields), with each element
   * of the packed {@code GroupChange.actors} counted on its own.
   */
  static int countElements(byte[] body) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(body);
    int count = 0;
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      boolean listing =
          field == NetworkMessage.GROUP_CHANGE_FIELD_NUMBER
              || field == NetworkMessage.PEER_LIST_FIELD_NUMBER;
      if (!listing || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        in.skipField(tag);
        continue;
      }
      int outer = in.pushLimit(in.readRawVarint32());
      while (!in.isAtEnd()) {
        int inner = in.readTag();
        if (field == NetworkMessage.GROUP_CHANGE_FIELD_NUMBER
            && WireFormat.getTagFieldNumber(inner)
                == io.troupe.internal.cluster.proto.GroupChange.ACTORS_FIELD_NUMBER
            && WireFormat.getTagWireType(inner) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          int packed = in.pushLimit(in.readRawVarint32());
          while (!in.isAtEnd()) {
            in.readRawVarint64();
            count++;
          }
          in.popLimit(packed);
        } else {
          in.skipField(inner);
          count++;
        }
      }
      in.popLimit(outer);
    }
    return count;
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
