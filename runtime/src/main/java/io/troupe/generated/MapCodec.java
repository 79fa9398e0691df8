package io.troupe.generated;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.troupe.codec.BytesCodec;
import io.troupe.codec.CodecException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map. As a record's field it is a protobuf {@code map} field: repeated entry messages {@code {1:
 * key, 2: value}} (see {@link Fields}); standing alone it is the message {@code { map<K, V> entries
 * = 1; }}. Decoded maps keep the order of the bytes; a repeated key keeps its last value, as in
 * protobuf. For generated code only.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class MapCodec<K, V> implements BytesCodec<Map<K, V>> {
  private final BytesCodec<K> keys;
  private final BytesCodec<V> values;

  /**
   * A codec of maps.
   *
   * @param keys the codec of a key
   * @param values the codec of a value
   */
  public MapCodec(BytesCodec<K> keys, BytesCodec<V> values) {
    this.keys = keys;
    this.values = values;
  }

  // As protobuf does, an entry always holds both fields, defaults included; a collection key or
  // value is a nested message there (map values cannot be repeated fields).

  /**
   * The size of one entry message.
   *
   * @param key the entry's key
   * @param value the entry's value
   * @return its size in bytes
   * @throws CodecException if the key or the value is null
   */
  public int entrySize(K key, V value) {
    return 2
        + Fields.valueSize(keys, RepeatedCodec.nonNull(key))
        + Fields.valueSize(values, nonNullValue(value));
  }

  /**
   * Writes one entry's fields.
   *
   * @param key the entry's key
   * @param value the entry's value
   * @param out where to write
   * @throws IOException if the stream fails
   */
  public void writeEntry(K key, V value, CodedOutputStream out) throws IOException {
    out.writeTag(1, keys.wireType());
    Fields.writeValue(out, keys, key);
    out.writeTag(2, values.wireType());
    Fields.writeValue(out, values, value);
  }

  private static <V> V nonNullValue(V value) {
    if (value == null) {
      throw new CodecException("maps with null values cannot be encoded");
    }
    return value;
  }

  /**
   * Reads one entry's fields (the stream is limited to the entry) into {@code map}.
   *
   * @param in the entry's bytes
   * @param map where the entry goes
   * @throws IOException if the stream fails
   * @throws CodecException if the entry is malformed
   */
  public void readEntry(CodedInputStream in, Map<K, V> map) throws IOException {
    K key = keys.defaultValue();
    V value = values.defaultValue();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> key = Fields.read(in, WireFormat.getTagWireType(tag), keys);
        case 2 -> value = Fields.read(in, WireFormat.getTagWireType(tag), values);
        default -> Fields.skip(in, tag);
      }
    }
    if (key == null || value == null) {
      throw new CodecException("a map entry without a key or a value");
    }
    map.put(key, value);
  }

  @Override
  public int sizeOf(Map<K, V> value) {
    return Fields.sizeOf(1, this, value);
  }

  @Override
  public void write(Map<K, V> value, CodedOutputStream out) throws IOException {
    Fields.write(out, 1, this, value);
  }

  @Override
  public Map<K, V> read(CodedInputStream in) throws IOException {
    LinkedHashMap<K, V> map = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        map = Fields.readMapEntry(in, WireFormat.getTagWireType(tag), this, map);
      } else {
        Fields.skip(in, tag);
      }
    }
    return Fields.toMap(map);
  }

  @Override
  public Map<K, V> defaultValue() {
    return Map.of();
  }
}
