package io.troupe.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Encodes values of one type in the protobuf wire format. Implement it for a custom type and bind
 * it with {@link WithCodec}; a user codec writes the value's body and reads it back from a stream
 * limited to that body (the runtime frames it as a length-delimited field).
 *
 * <p>The two defaulted hooks are for the built-in codecs: {@link #wireType()} is the protobuf wire
 * type of the field, and {@link #framesItself()} says whether {@code write} already writes the
 * length prefix of a length-delimited value.
 *
 * @param <T> the encoded type
 */
public interface BytesCodec<T> {

  /** Writes {@code value} (never null). */
  void write(T value, CodedOutputStream out) throws IOException;

  /** Reads a value; throws {@link CodecException} or {@link IOException} on bad input. */
  T read(CodedInputStream in) throws IOException;

  /** The protobuf wire type of a field holding this value. */
  default int wireType() {
    return WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  /** True if {@code write} writes a length-delimited value's length itself. */
  default boolean framesItself() {
    return false;
  }

  /** The value of a field that is absent from the bytes (evolution: a component added later). */
  default T defaultValue() {
    return null;
  }
}
