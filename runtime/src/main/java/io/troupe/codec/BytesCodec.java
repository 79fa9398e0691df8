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
 * <p>The defaulted hooks are for the built-in and generated codecs: {@link #wireType()} is the
 * protobuf wire type of the field, {@link #framesItself()} says whether {@code write} already
 * writes the length prefix of a length-delimited value, and {@link #sizeOf} says how many bytes
 * {@code write} writes, so a value is encoded in one pass into an array of exactly its size. A
 * custom codec that does not override {@code sizeOf} works, but is written twice (once to count).
 *
 * @param <T> the encoded type
 */
public interface BytesCodec<T> {

  /**
   * Writes {@code value} (never null).
   *
   * @param value the value, not null
   * @param out where it is written
   * @throws IOException if {@code out} fails
   */
  void write(T value, CodedOutputStream out) throws IOException;

  /**
   * Reads a value; throws {@link CodecException} or {@link IOException} on bad input.
   *
   * @param in the bytes, limited to this value's body for a length-delimited codec that does not
   *     frame itself
   * @return the value read
   * @throws IOException if {@code in} fails or ends too early
   */
  T read(CodedInputStream in) throws IOException;

  /**
   * The protobuf wire type of a field holding this value.
   *
   * @return a {@code WireFormat.WIRETYPE_*} constant; length-delimited unless overridden
   */
  default int wireType() {
    return WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  /**
   * True if {@code write} writes a length-delimited value's length itself.
   *
   * @return whether {@code write} writes the length prefix; false unless overridden
   */
  default boolean framesItself() {
    return false;
  }

  /**
   * The number of bytes {@code write(value, out)} writes (with the length prefix if the codec
   * {@linkplain #framesItself() frames itself}). The default writes the value to count them;
   * override it with a direct computation ({@code CodedOutputStream.computeXxxSizeNoTag}) for
   * speed. A codec whose {@code write} writes a different number of bytes fails to encode with a
   * {@link CodecException}.
   *
   * @param value the value, not null
   * @return the number of bytes {@code write} writes
   */
  default int sizeOf(T value) {
    return Codecs.encodeCounting(this, value).length;
  }

  /**
   * The value of a field that is absent from the bytes (evolution: a component added later).
   *
   * @return the default value; null unless overridden
   */
  default T defaultValue() {
    return null;
  }
}
