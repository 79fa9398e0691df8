package io.troupe.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.troupe.generated.Fields;
import io.troupe.generated.MapCodec;
import io.troupe.generated.RepeatedCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A record (or any value made of components) as a protobuf message: each component is a field,
 * numbered by position from 1 unless pinned with {@link Tag}. Built without reflection:
 *
 * <pre>{@code
 * RecordCodec<Point> codec = RecordCodec.builder((Object[] v) -> new Point((Integer) v[0], (Integer) v[1]))
 *     .field(1, Codecs.INT, Point::x)
 *     .field(2, Codecs.INT, Point::y)
 *     .build();
 * }</pre>
 *
 * <p>Decoding skips unknown fields and gives absent ones the codec's default (0, "", empty
 * collections, {@code Optional.empty()}, null for nested records), so adding a component is a
 * compatible change in both directions. A field of the wrong wire type is a {@link CodecException}.
 * List, set and map components are protobuf {@code repeated} and {@code map} fields.
 *
 * <p>This is the codec to build by hand; the annotation processor writes straight-line codecs with
 * the same encoding (and no boxing) for {@code @ClusterMessage} types.
 *
 * @param <R> the record type
 */
public final class RecordCodec<R> implements BytesCodec<R> {

  private record Field<R, T>(int number, BytesCodec<T> codec, Function<R, T> getter) {}

  private final Function<Object[], R> constructor;
  // An array, walked by index: iterators in these hot loops were most of what an encode allocated.
  private final Field<R, ?>[] fields;
  private final int maxNumber;
  private final int[] indexByNumber;

  @SuppressWarnings({
    "unchecked",
    "rawtypes"
  }) // a generic array: made raw, filled with Field<R, ?> only
  private RecordCodec(Function<Object[], R> constructor, List<Field<R, ?>> fields) {
    this.constructor = constructor;
    this.fields = fields.toArray(new Field[0]);
    this.maxNumber = fields.stream().mapToInt(Field::number).max().orElse(0);
    this.indexByNumber = maxNumber <= 1024 ? new int[maxNumber + 1] : null;
    if (indexByNumber != null) {
      java.util.Arrays.fill(indexByNumber, -1);
      for (int i = 0; i < this.fields.length; i++) {
        indexByNumber[this.fields[i].number()] = i;
      }
    }
  }

  /**
   * Starts a codec whose values are made by {@code constructor} from the components in field order.
   *
   * @param <R> the record type
   * @param constructor makes a record from its components, in field order
   * @return a builder without fields
   */
  public static <R> Builder<R> builder(Function<Object[], R> constructor) {
    return new Builder<>(constructor);
  }

  @Override
  public int sizeOf(R value) {
    int size = 0;
    for (int i = 0; i < fields.length; i++) {
      size += fieldSize(fields[i], value);
    }
    return size;
  }

  private static <R, T> int fieldSize(Field<R, T> f, R value) {
    return Fields.sizeOf(f.number(), f.codec(), f.getter().apply(value));
  }

  @Override
  public void write(R value, CodedOutputStream out) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      writeField(out, fields[i], value);
    }
  }

  private static <R, T> void writeField(CodedOutputStream out, Field<R, T> f, R value)
      throws IOException {
    Fields.write(out, f.number(), f.codec(), f.getter().apply(value));
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public R read(CodedInputStream in) throws IOException {
    Object[] values = new Object[fields.length];
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int index = indexOf(WireFormat.getTagFieldNumber(tag));
      if (index < 0) {
        Fields.skip(in, tag);
        continue;
      }
      int wireType = WireFormat.getTagWireType(tag);
      BytesCodec codec = fields[index].codec();
      if (codec instanceof RepeatedCodec<?, ?> repeated) {
        values[index] =
            Fields.readRepeated(in, wireType, repeated.element(), (ArrayList) values[index]);
      } else if (codec instanceof MapCodec<?, ?>) {
        values[index] = Fields.readMapEntry(in, wireType, codec, (LinkedHashMap) values[index]);
      } else {
        values[index] = Fields.read(in, wireType, codec);
      }
    }
    for (int i = 0; i < values.length; i++) {
      BytesCodec codec = fields[i].codec();
      if (codec instanceof RepeatedCodec<?, ?> && values[i] != null) {
        values[i] = ((RepeatedCodec) codec).finish((ArrayList) values[i]);
      } else if (codec instanceof MapCodec<?, ?> && values[i] != null) {
        values[i] = Fields.toMap((LinkedHashMap) values[i]);
      } else if (values[i] == null) {
        values[i] = codec.defaultValue();
      }
    }
    try {
      return constructor.apply(values);
    } catch (RuntimeException e) {
      throw new CodecException("the decoded components were refused: " + e.getMessage(), e);
    }
  }

  private int indexOf(int number) {
    if (number <= 0 || number > maxNumber) {
      return -1;
    }
    if (indexByNumber != null) {
      return indexByNumber[number];
    }
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].number() == number) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Adds fields to a {@link RecordCodec}, in component order.
   *
   * @param <R> the record type
   */
  public static final class Builder<R> {
    private final Function<Object[], R> constructor;
    private final List<Field<R, ?>> fields = new ArrayList<>();
    private final Set<Integer> numbers = new HashSet<>();

    private Builder(Function<Object[], R> constructor) {
      this.constructor = constructor;
    }

    /**
     * The next component: stored as field {@code number}, encoded with {@code codec}.
     *
     * @param <T> the component's type
     * @param number the protobuf field number, unique in the record
     * @param codec the component's codec
     * @param getter reads the component from a record
     * @return this builder
     * @throws IllegalArgumentException for a number used twice or outside protobuf's range
     */
    public <T> Builder<R> field(int number, BytesCodec<T> codec, Function<R, T> getter) {
      if (number < 1 || number > 536_870_911 || (number >= 19_000 && number <= 19_999)) {
        throw new IllegalArgumentException("invalid field number " + number);
      }
      if (!numbers.add(number)) {
        throw new IllegalArgumentException("field number " + number + " is used twice");
      }
      fields.add(new Field<>(number, codec, getter));
      return this;
    }

    /**
     * A codec of the fields added so far.
     *
     * @return the codec
     */
    public RecordCodec<R> build() {
      return new RecordCodec<>(constructor, fields);
    }
  }
}
