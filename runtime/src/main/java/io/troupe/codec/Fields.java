package io.troupe.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Writes and reads one field with a codec: the helpers generated codecs (and {@link RecordCodec})
 * call, one per component. A null value, an empty {@code Optional} and the codec's default value are
 * not written (the field is absent and decodes to the codec's default, as in proto3). Length-delimited values of codecs that do not frame themselves are framed here,
 * and read back through a limit so a codec can never read past its value.
 */
public final class Fields {
  private Fields() {}

  /** The deepest nesting of length-delimited values accepted when decoding. */
  public static final int MAX_DEPTH = 64;

  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** Writes field {@code number} holding {@code value}; nothing if the value is null. */
  public static <T> void write(CodedOutputStream out, int number, BytesCodec<T> codec, T value) throws IOException {
    if (value == null || value.equals(codec.defaultValue()) || Codecs.isEmptyOptional(value)) {
      return; // as in proto3, a default value is not written: absent fields decode to it
    }
    out.writeTag(number, codec.wireType());
    writeValue(out, codec, value);
  }

  /** Writes a value without a tag (framed if the codec does not frame itself). */
  public static <T> void writeValue(CodedOutputStream out, BytesCodec<T> codec, T value) throws IOException {
    if (codec.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED && !codec.framesItself()) {
      byte[] body = Codecs.encode(codec, value);
      out.writeUInt32NoTag(body.length);
      out.writeRawBytes(body);
    } else {
      codec.write(value, out);
    }
  }

  /**
   * Reads a value whose tag was just read with wire type {@code wireType}.
   *
   * @throws CodecException if the wire type is not the codec's, or the value is malformed
   */
  public static <T> T read(CodedInputStream in, int wireType, BytesCodec<T> codec) throws IOException {
    if (wireType != codec.wireType()) {
      throw new CodecException("wire type " + wireType + " where " + codec.wireType() + " was expected");
    }
    return readValue(in, codec);
  }

  /** Reads a value without a tag. */
  public static <T> T readValue(CodedInputStream in, BytesCodec<T> codec) throws IOException {
    if (codec.wireType() != WireFormat.WIRETYPE_LENGTH_DELIMITED || codec.framesItself()) {
      return codec.read(in);
    }
    int length = in.readRawVarint32();
    if (length < 0 || length > in.getBytesUntilLimit() && in.getBytesUntilLimit() >= 0) {
      throw new CodecException("a value claims " + length + " bytes but fewer remain");
    }
    int[] depth = DEPTH.get();
    if (++depth[0] > MAX_DEPTH) {
      depth[0]--;
      throw new CodecException("values nested deeper than " + MAX_DEPTH);
    }
    int oldLimit = in.pushLimit(length);
    try {
      T value = codec.read(in);
      if (!in.isAtEnd()) {
        throw new CodecException("a value did not use all of its " + length + " bytes");
      }
      return value;
    } finally {
      in.popLimit(oldLimit);
      depth[0]--;
    }
  }
}
