package io.troupe.generated;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.troupe.codec.BytesCodec;
import io.troupe.codec.CodecException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Sizes, writes and reads one field with a codec: the helpers generated codecs (and {@link
 * io.troupe.codec.RecordCodec}) call, one per component.
 *
 * <ul>
 *   <li>A null value, an empty {@code Optional} and the codec's default value are not written: the
 *       field is absent and decodes to the codec's default, as in proto3.
 *   <li>A {@link io.troupe.codec.Codecs#list list}, {@link io.troupe.codec.Codecs#set set} or
 *       {@link io.troupe.codec.Codecs#map map} field is a protobuf {@code repeated} (or {@code
 *       map}) field: one entry per element, scalars packed. Reading accepts packed and unpacked
 *       scalars alike, as protobuf does.
 *   <li>Length-delimited values of codecs that do not frame themselves get a length prefix of their
 *       {@link BytesCodec#sizeOf size}, and are read back through a limit so a codec can never read
 *       past its value.
 * </ul>
 */
public final class Fields {
  private Fields() {}

  /** The deepest nesting of length-delimited values accepted when decoding. */
  public static final int MAX_DEPTH = 64;

  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  // ------------------------------------------------------------------ writing

  /**
   * True if {@code value} is written at all (not null, not empty, not the codec's default).
   *
   * @param <T> the field's type
   * @param codec the field's codec
   * @param value the field's value, or null
   * @return whether the field is written
   */
  public static <T> boolean isPresent(BytesCodec<T> codec, T value) {
    if (value == null) {
      return false;
    }
    if (codec instanceof RepeatedCodec<?, ?> || codec instanceof MapCodec<?, ?>) {
      return !isEmptyContainer(value);
    }
    if (value instanceof byte[] bytes) {
      return bytes.length != 0; // arrays compare by identity: an empty one is the default too
    }
    return !value.equals(codec.defaultValue()) && !(value instanceof Optional<?> o && o.isEmpty());
  }

  private static boolean isEmptyContainer(Object value) {
    return value instanceof Collection<?> c ? c.isEmpty() : ((Map<?, ?>) value).isEmpty();
  }

  /**
   * The bytes {@link #write} writes for this field.
   *
   * @param <T> the field's type
   * @param number the field number
   * @param codec the field's codec
   * @param value the field's value, or null
   * @return the encoded size in bytes, tag included; 0 for an absent field
   */
  public static <T> int sizeOf(int number, BytesCodec<T> codec, T value) {
    if (!isPresent(codec, value)) {
      return 0;
    }
    if (codec instanceof RepeatedCodec<?, ?> repeated) {
      return repeatedSize(number, repeated, value);
    }
    if (codec instanceof MapCodec<?, ?> map) {
      return mapSize(number, map, value);
    }
    return CodedOutputStream.computeTagSize(number) + valueSize(codec, value);
  }

  /**
   * Writes field {@code number} holding {@code value}; nothing if it is absent.
   *
   * @param <T> the field's type
   * @param out where the field is written
   * @param number the field number
   * @param codec the field's codec
   * @param value the field's value, or null
   * @throws IOException if {@code out} fails
   */
  public static <T> void write(CodedOutputStream out, int number, BytesCodec<T> codec, T value)
      throws IOException {
    if (!isPresent(codec, value)) {
      return;
    }
    if (codec instanceof RepeatedCodec<?, ?> repeated) {
      writeRepeated(out, number, repeated, value);
    } else if (codec instanceof MapCodec<?, ?> map) {
      writeMap(out, number, map, value);
    } else {
      out.writeTag(number, codec.wireType());
      writeValue(out, codec, value);
    }
  }

  /**
   * The bytes {@link #writeValue} writes: the value, with its length prefix if it needs one.
   *
   * @param <T> the value's type
   * @param codec the value's codec
   * @param value the value, not null
   * @return the encoded size in bytes, length prefix included
   */
  public static <T> int valueSize(BytesCodec<T> codec, T value) {
    int size = codec.sizeOf(value);
    return needsFrame(codec) ? CodedOutputStream.computeUInt32SizeNoTag(size) + size : size;
  }

  /**
   * Writes a value without a tag (framed if the codec does not frame itself).
   *
   * @param <T> the value's type
   * @param out where the value is written
   * @param codec the value's codec
   * @param value the value, not null
   * @throws IOException if {@code out} fails
   */
  public static <T> void writeValue(CodedOutputStream out, BytesCodec<T> codec, T value)
      throws IOException {
    if (needsFrame(codec)) {
      out.writeUInt32NoTag(codec.sizeOf(value));
    }
    codec.write(value, out);
  }

  private static boolean needsFrame(BytesCodec<?> codec) {
    return codec.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED && !codec.framesItself();
  }

  private static boolean packs(BytesCodec<?> element) {
    return element.wireType() != WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  @SuppressWarnings("unchecked")
  private static <E> int repeatedSize(int number, RepeatedCodec<?, E> repeated, Object value) {
    Collection<E> items = (Collection<E>) value;
    BytesCodec<E> element = repeated.element();
    if (packs(element)) {
      int size = packedSize(element, items);
      return CodedOutputStream.computeTagSize(number)
          + CodedOutputStream.computeUInt32SizeNoTag(size)
          + size;
    }
    int tag = CodedOutputStream.computeTagSize(number);
    int size = 0;
    // Lists are walked by index: the iterators were a large part of what an encode allocated.
    if (items instanceof RandomAccess && items instanceof List<E> list) {
      for (int i = 0, count = list.size(); i < count; i++) {
        size += tag + valueSize(element, RepeatedCodec.nonNull(list.get(i)));
      }
      return size;
    }
    for (E item : items) {
      size += tag + valueSize(element, RepeatedCodec.nonNull(item));
    }
    return size;
  }

  /** The bytes of a packed run of scalars, without its tag and length. */
  private static <E> int packedSize(BytesCodec<E> element, Collection<E> items) {
    int size = 0;
    for (E item : items) {
      size += element.sizeOf(RepeatedCodec.nonNull(item));
    }
    return size;
  }

  @SuppressWarnings("unchecked")
  private static <E> void writeRepeated(
      CodedOutputStream out, int number, RepeatedCodec<?, E> repeated, Object value)
      throws IOException {
    Collection<E> items = (Collection<E>) value;
    BytesCodec<E> element = repeated.element();
    if (packs(element)) {
      out.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(packedSize(element, items));
      for (E item : items) {
        element.write(item, out);
      }
      return;
    }
    if (items instanceof RandomAccess && items instanceof List<E> list) {
      for (int i = 0, count = list.size(); i < count; i++) {
        out.writeTag(number, element.wireType());
        writeValue(out, element, RepeatedCodec.nonNull(list.get(i)));
      }
      return;
    }
    for (E item : items) {
      out.writeTag(number, element.wireType());
      writeValue(out, element, RepeatedCodec.nonNull(item));
    }
  }

  @SuppressWarnings("unchecked")
  private static <K, V> int mapSize(int number, MapCodec<K, V> map, Object value) {
    int tag = CodedOutputStream.computeTagSize(number);
    int size = 0;
    for (Map.Entry<K, V> e : ((Map<K, V>) value).entrySet()) {
      int entry = map.entrySize(e.getKey(), e.getValue());
      size += tag + CodedOutputStream.computeUInt32SizeNoTag(entry) + entry;
    }
    return size;
  }

  @SuppressWarnings("unchecked")
  private static <K, V> void writeMap(
      CodedOutputStream out, int number, MapCodec<K, V> map, Object value) throws IOException {
    for (Map.Entry<K, V> e : ((Map<K, V>) value).entrySet()) {
      out.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(map.entrySize(e.getKey(), e.getValue()));
      map.writeEntry(e.getKey(), e.getValue(), out);
    }
  }

  // ------------------------------------------------------------------ reading

  /**
   * The decoded list of a repeated field: unmodifiable, empty if the field was absent.
   *
   * @param <T> the element type
   * @param items the elements read, or null if the field never occurred
   * @return an unmodifiable list
   */
  public static <T> List<T> toList(ArrayList<T> items) {
    return items == null ? List.of() : Collections.unmodifiableList(items);
  }

  /**
   * The decoded set of a repeated field, in the order of the bytes.
   *
   * @param <T> the element type
   * @param items the elements read, or null if the field never occurred
   * @return an unmodifiable set; a repeated element counts once
   */
  public static <T> Set<T> toSet(ArrayList<T> items) {
    return items == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(items));
  }

  /**
   * The decoded map of a map field, in the order of the bytes.
   *
   * @param <K> the key type
   * @param <V> the value type
   * @param entries the entries read, or null if the field never occurred
   * @return an unmodifiable map
   */
  public static <K, V> Map<K, V> toMap(LinkedHashMap<K, V> entries) {
    return entries == null ? Map.of() : Collections.unmodifiableMap(entries);
  }

  /**
   * Reads a value whose tag was just read with wire type {@code wireType}.
   *
   * @param <T> the value's type
   * @param in the bytes, positioned after the tag
   * @param wireType the wire type of the tag just read
   * @param codec the field's codec
   * @return the decoded value
   * @throws CodecException if the wire type is not the codec's, or the value is malformed
   * @throws IOException if {@code in} fails or ends too early
   */
  public static <T> T read(CodedInputStream in, int wireType, BytesCodec<T> codec)
      throws IOException {
    if (wireType != codec.wireType()) {
      throw wrongWireType(wireType, codec.wireType());
    }
    return readValue(in, codec);
  }

  /**
   * Reads one occurrence of a repeated element field into {@code into} (made if null), and returns
   * it: one element, or a packed run of scalars.
   *
   * @param <T> the element type
   * @param in the bytes, positioned after the tag
   * @param wireType the wire type of the tag just read
   * @param element the elements' codec
   * @param into the elements read so far, or null
   * @return the elements read so far, this occurrence's included
   * @throws CodecException if the wire type does not fit or an element is malformed
   * @throws IOException if {@code in} fails or ends too early
   */
  public static <T> ArrayList<T> readRepeated(
      CodedInputStream in, int wireType, BytesCodec<T> element, ArrayList<T> into)
      throws IOException {
    ArrayList<T> items = into == null ? new ArrayList<>() : into;
    if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED && packs(element)) {
      int length = checkedLength(in);
      int oldLimit = in.pushLimit(length);
      while (!in.isAtEnd()) {
        items.add(element.read(in));
      }
      in.popLimit(oldLimit);
    } else {
      items.add(read(in, wireType, element));
    }
    return items;
  }

  /**
   * Reads one entry of a map field into {@code into} (made if null), and returns it.
   *
   * @param <K> the key type
   * @param <V> the value type
   * @param in the bytes, positioned after the tag
   * @param wireType the wire type of the tag just read
   * @param codec the field's map codec
   * @param into the entries read so far, or null
   * @return the entries read so far, this one included
   * @throws CodecException if the wire type is not length-delimited or the entry is malformed
   * @throws IOException if {@code in} fails or ends too early
   */
  public static <K, V> LinkedHashMap<K, V> readMapEntry(
      CodedInputStream in, int wireType, BytesCodec<Map<K, V>> codec, LinkedHashMap<K, V> into)
      throws IOException {
    LinkedHashMap<K, V> map = into == null ? new LinkedHashMap<>() : into;
    MapCodec<K, V> entries = (MapCodec<K, V>) codec;
    if (wireType != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      throw wrongWireType(wireType, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    }
    int length = checkedLength(in);
    int oldLimit = in.pushLimit(length);
    entries.readEntry(in, map);
    in.popLimit(oldLimit);
    return map;
  }

  /**
   * Reads a value without a tag.
   *
   * @param <T> the value's type
   * @param in the bytes, positioned at the value
   * @param codec the value's codec
   * @return the decoded value
   * @throws CodecException if the value is malformed, does not use all of its bytes, or nests
   *     deeper than {@link #MAX_DEPTH}
   * @throws IOException if {@code in} fails or ends too early
   */
  public static <T> T readValue(CodedInputStream in, BytesCodec<T> codec) throws IOException {
    if (!needsFrame(codec)) {
      return codec.read(in);
    }
    int length = checkedLength(in);
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

  /**
   * Reads a length prefix and checks it against the bytes that remain, before anything is
   * allocated.
   *
   * @param in the bytes, positioned at the length prefix
   * @return the length, not more than the bytes left before the current limit
   * @throws CodecException if the length is negative or more than the bytes that remain
   * @throws IOException if {@code in} fails or ends too early
   */
  public static int checkedLength(CodedInputStream in) throws IOException {
    int length = in.readRawVarint32();
    int left = in.getBytesUntilLimit();
    if (length < 0 || left >= 0 && length > left) {
      throw new CodecException(
          "a value claims " + (length & 0xffffffffL) + " bytes but fewer remain");
    }
    return length;
  }

  /**
   * Skips a field this codec does not know (evolution).
   *
   * @param in the bytes, positioned after the tag
   * @param tag the tag just read
   * @throws CodecException for field number 0 or an invalid wire type
   * @throws IOException if {@code in} fails or ends too early
   */
  public static void skip(CodedInputStream in, int tag) throws IOException {
    if (WireFormat.getTagFieldNumber(tag) == 0 || !in.skipField(tag)) {
      throw new CodecException("invalid tag " + tag);
    }
  }

  /**
   * The error for a known field that arrives with another wire type.
   *
   * @param found the wire type that arrived
   * @param expected the wire type of the field's codec
   * @return the exception to throw
   */
  public static CodecException wrongWireType(int found, int expected) {
    return new CodecException("wire type " + found + " where " + expected + " was expected");
  }
}
