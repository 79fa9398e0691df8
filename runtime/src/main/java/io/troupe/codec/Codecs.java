package io.troupe.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The built-in codecs, and encoding to and from byte arrays with every failure turned into a
 * {@link CodecException}.
 *
 * <p>Wire formats: {@code int}, {@code long} as signed varints (int32/int64), {@code boolean} as a
 * varint, {@code double}/{@code float} as fixed64/fixed32, {@code String} as UTF-8 bytes,
 * {@code byte[]} as bytes, an enum as its constant's name, a {@code UUID} as 16 big-endian bytes,
 * {@code Instant} and {@code Duration} as a message {@code {1: seconds, 2: nanos}}, a list or set
 * as a message with the elements as repeated field 1, a map as a message of repeated entries
 * {@code {1: key, 2: value}}, an {@code Optional} as its value or an absent field, a record as a
 * message (see {@link RecordCodec}), a protobuf message as itself.
 */
public final class Codecs {
  private Codecs() {}

  // ------------------------------------------------------------------ byte arrays

  /** Encodes one value as the body of a message (for a record: its fields). */
  public static <T> byte[] encode(BytesCodec<T> codec, T value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      CodedOutputStream out = CodedOutputStream.newInstance(bytes, 256);
      codec.write(value, out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException | RuntimeException e) {
      if (e instanceof CodecException ce) {
        throw ce;
      }
      throw new CodecException("cannot encode " + describe(value) + ": " + e, e);
    }
  }

  /**
   * Decodes a value encoded by {@link #encode}.
   *
   * @throws CodecException on any malformed, truncated or oversized input
   */
  public static <T> T decode(BytesCodec<T> codec, byte[] bytes) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      in.setSizeLimit(bytes.length);
      // Bounds the stream by the input itself, so Fields.readValue compares every claimed length
      // with the bytes really left (without a limit getBytesUntilLimit() is -1 and the check is off).
      in.pushLimit(bytes.length);
      T value = codec.read(in);
      if (!in.isAtEnd()) {
        throw new CodecException("trailing bytes after the value");
      }
      return value;
    } catch (CodecException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw new CodecException("malformed input (" + bytes.length + " bytes): " + e.getMessage(), e);
    }
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  // ------------------------------------------------------------------ scalars

  /** A codec of a varint, fixed32 or fixed64 scalar. */
  private abstract static class Scalar<T> implements BytesCodec<T> {
    private final int wireType;
    private final T defaultValue;

    Scalar(int wireType, T defaultValue) {
      this.wireType = wireType;
      this.defaultValue = defaultValue;
    }

    @Override
    public int wireType() {
      return wireType;
    }

    @Override
    public T defaultValue() {
      return defaultValue;
    }
  }

  public static final BytesCodec<Integer> INT =
      new Scalar<>(WireFormat.WIRETYPE_VARINT, 0) {
        @Override
        public void write(Integer v, CodedOutputStream out) throws IOException {
          out.writeInt32NoTag(v);
        }

        @Override
        public Integer read(CodedInputStream in) throws IOException {
          return in.readInt32();
        }
      };

  public static final BytesCodec<Long> LONG =
      new Scalar<>(WireFormat.WIRETYPE_VARINT, 0L) {
        @Override
        public void write(Long v, CodedOutputStream out) throws IOException {
          out.writeInt64NoTag(v);
        }

        @Override
        public Long read(CodedInputStream in) throws IOException {
          return in.readInt64();
        }
      };

  public static final BytesCodec<Short> SHORT =
      new Scalar<>(WireFormat.WIRETYPE_VARINT, (short) 0) {
        @Override
        public void write(Short v, CodedOutputStream out) throws IOException {
          out.writeInt32NoTag(v);
        }

        @Override
        public Short read(CodedInputStream in) throws IOException {
          return (short) in.readInt32();
        }
      };

  public static final BytesCodec<Byte> BYTE =
      new Scalar<>(WireFormat.WIRETYPE_VARINT, (byte) 0) {
        @Override
        public void write(Byte v, CodedOutputStream out) throws IOException {
          out.writeInt32NoTag(v);
        }

        @Override
        public Byte read(CodedInputStream in) throws IOException {
          return (byte) in.readInt32();
        }
      };

  public static final BytesCodec<Character> CHAR =
      new Scalar<>(WireFormat.WIRETYPE_VARINT, (char) 0) {
        @Override
        public void write(Character v, CodedOutputStream out) throws IOException {
          out.writeUInt32NoTag(v);
        }

        @Override
        public Character read(CodedInputStream in) throws IOException {
          return (char) in.readUInt32();
        }
      };

  public static final BytesCodec<Boolean> BOOLEAN =
      new Scalar<>(WireFormat.WIRETYPE_VARINT, false) {
        @Override
        public void write(Boolean v, CodedOutputStream out) throws IOException {
          out.writeBoolNoTag(v);
        }

        @Override
        public Boolean read(CodedInputStream in) throws IOException {
          return in.readBool();
        }
      };

  public static final BytesCodec<Double> DOUBLE =
      new Scalar<>(WireFormat.WIRETYPE_FIXED64, 0.0) {
        @Override
        public void write(Double v, CodedOutputStream out) throws IOException {
          out.writeDoubleNoTag(v);
        }

        @Override
        public Double read(CodedInputStream in) throws IOException {
          return in.readDouble();
        }
      };

  public static final BytesCodec<Float> FLOAT =
      new Scalar<>(WireFormat.WIRETYPE_FIXED32, 0.0f) {
        @Override
        public void write(Float v, CodedOutputStream out) throws IOException {
          out.writeFloatNoTag(v);
        }

        @Override
        public Float read(CodedInputStream in) throws IOException {
          return in.readFloat();
        }
      };

  // ------------------------------------------------------------------ length-delimited

  /** A length-delimited codec whose {@code write} writes the length too. */
  private abstract static class SelfFramed<T> implements BytesCodec<T> {
    private final T defaultValue;

    SelfFramed(T defaultValue) {
      this.defaultValue = defaultValue;
    }

    @Override
    public boolean framesItself() {
      return true;
    }

    @Override
    public T defaultValue() {
      return defaultValue;
    }
  }

  public static final BytesCodec<String> STRING =
      new SelfFramed<>("") {
        @Override
        public void write(String v, CodedOutputStream out) throws IOException {
          out.writeStringNoTag(v);
        }

        @Override
        public String read(CodedInputStream in) throws IOException {
          return in.readStringRequireUtf8();
        }
      };

  public static final BytesCodec<byte[]> BYTES =
      new SelfFramed<>(new byte[0]) {
        @Override
        public void write(byte[] v, CodedOutputStream out) throws IOException {
          out.writeByteArrayNoTag(v);
        }

        @Override
        public byte[] read(CodedInputStream in) throws IOException {
          return in.readByteArray();
        }

        @Override
        public byte[] defaultValue() {
          return new byte[0];
        }
      };

  public static final BytesCodec<UUID> UUID_CODEC =
      new SelfFramed<>(null) {
        @Override
        public void write(UUID v, CodedOutputStream out) throws IOException {
          byte[] b = new byte[16];
          java.nio.ByteBuffer.wrap(b).putLong(v.getMostSignificantBits()).putLong(v.getLeastSignificantBits());
          out.writeByteArrayNoTag(b);
        }

        @Override
        public UUID read(CodedInputStream in) throws IOException {
          byte[] b = in.readByteArray();
          if (b.length != 16) {
            throw new CodecException("a UUID needs 16 bytes, got " + b.length);
          }
          java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
          return new UUID(buf.getLong(), buf.getLong());
        }
      };

  /** Enum constants by name; an unknown name is a {@link CodecException}. */
  public static <E extends Enum<E>> BytesCodec<E> enumOf(Class<E> type) {
    return new SelfFramed<>(null) {
      @Override
      public void write(E v, CodedOutputStream out) throws IOException {
        out.writeStringNoTag(v.name());
      }

      @Override
      public E read(CodedInputStream in) throws IOException {
        String name = in.readStringRequireUtf8();
        try {
          return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
          throw new CodecException("no constant " + name + " in " + type.getName());
        }
      }
    };
  }

  /** Seconds-and-nanos messages, shared by Instant and Duration. */
  private abstract static class SecondsNanos<T> implements BytesCodec<T> {
    abstract long seconds(T v);

    abstract int nanos(T v);

    abstract T make(long seconds, int nanos);

    @Override
    public void write(T v, CodedOutputStream out) throws IOException {
      if (seconds(v) != 0) {
        out.writeInt64(1, seconds(v));
      }
      if (nanos(v) != 0) {
        out.writeInt32(2, nanos(v));
      }
    }

    @Override
    public T read(CodedInputStream in) throws IOException {
      long seconds = 0;
      int nanos = 0;
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case 8 -> seconds = in.readInt64();
          case 16 -> nanos = in.readInt32();
          default -> skip(in, tag);
        }
      }
      if (nanos < 0 || nanos > 999_999_999) {
        throw new CodecException("nanos out of range: " + nanos);
      }
      try {
        return make(seconds, nanos);
      } catch (java.time.DateTimeException | ArithmeticException e) {
        throw new CodecException("time out of range: " + seconds + "s " + nanos + "ns");
      }
    }
  }

  public static final BytesCodec<Instant> INSTANT =
      new SecondsNanos<>() {
        @Override
        long seconds(Instant v) {
          return v.getEpochSecond();
        }

        @Override
        int nanos(Instant v) {
          return v.getNano();
        }

        @Override
        Instant make(long seconds, int nanos) {
          return Instant.ofEpochSecond(seconds, nanos);
        }
      };

  public static final BytesCodec<Duration> DURATION =
      new SecondsNanos<>() {
        @Override
        long seconds(Duration v) {
          return v.getSeconds();
        }

        @Override
        int nanos(Duration v) {
          return v.getNano();
        }

        @Override
        Duration make(long seconds, int nanos) {
          return Duration.ofSeconds(seconds, nanos);
        }

        @Override
        public Duration defaultValue() {
          return Duration.ZERO;
        }
      };

  /** Any protobuf message, by its parser. */
  public static <P extends MessageLite> BytesCodec<P> protobuf(Parser<P> parser) {
    return new BytesCodec<>() {
      @Override
      public void write(P v, CodedOutputStream out) throws IOException {
        v.writeTo(out);
      }

      @Override
      public P read(CodedInputStream in) throws IOException {
        return parser.parseFrom(in);
      }
    };
  }

  // ------------------------------------------------------------------ containers

  /** Absent when empty; the element codec's bytes when present. Decodes a missing field to empty. */
  public static <T> BytesCodec<Optional<T>> optional(BytesCodec<T> element) {
    return new BytesCodec<>() {
      @Override
      public int wireType() {
        return element.wireType();
      }

      @Override
      public boolean framesItself() {
        return element.framesItself();
      }

      @Override
      public void write(Optional<T> v, CodedOutputStream out) throws IOException {
        element.write(v.orElseThrow(() -> new CodecException("an empty Optional is written as an absent field")), out);
      }

      @Override
      public Optional<T> read(CodedInputStream in) throws IOException {
        return Optional.of(element.read(in));
      }

      @Override
      public Optional<T> defaultValue() {
        return Optional.empty();
      }
    };
  }

  /** Helper for {@link Fields#write}: an empty Optional is written as nothing. */
  static boolean isEmptyOptional(Object v) {
    return v instanceof Optional<?> o && o.isEmpty();
  }

  public static <T> BytesCodec<List<T>> list(BytesCodec<T> element) {
    return new Repeated<>(element) {
      @Override
      List<T> finish(List<T> items) {
        return Collections.unmodifiableList(items);
      }

      @Override
      public List<T> defaultValue() {
        return List.of();
      }
    };
  }

  public static <T> BytesCodec<Set<T>> set(BytesCodec<T> element) {
    return new Repeated<Set<T>, T>(element) {
      @Override
      Set<T> finish(List<T> items) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(items));
      }

      @Override
      public Set<T> defaultValue() {
        return Set.of();
      }
    };
  }

  /** A message with the elements as repeated field 1 (nulls are not allowed). */
  private abstract static class Repeated<C extends java.util.Collection<T>, T> implements BytesCodec<C> {
    private final BytesCodec<T> element;

    Repeated(BytesCodec<T> element) {
      this.element = element;
    }

    abstract C finish(List<T> items);

    @Override
    public void write(C v, CodedOutputStream out) throws IOException {
      for (T item : v) {
        if (item == null) {
          throw new CodecException("collections with null elements cannot be encoded");
        }
        out.writeTag(1, element.wireType());
        Fields.writeValue(out, element, item);
      }
    }

    @Override
    public C read(CodedInputStream in) throws IOException {
      List<T> items = new ArrayList<>();
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) == 1) {
          items.add(Fields.read(in, WireFormat.getTagWireType(tag), element));
        } else {
          skip(in, tag);
        }
      }
      return finish(items);
    }
  }

  /** A message of repeated entries {@code {1: key, 2: value}}, in iteration order. */
  public static <K, V> BytesCodec<Map<K, V>> map(BytesCodec<K> keys, BytesCodec<V> values) {
    BytesCodec<Map.Entry<K, V>> entry =
        new BytesCodec<>() {
          @Override
          public void write(Map.Entry<K, V> e, CodedOutputStream out) throws IOException {
            Fields.write(out, 1, keys, e.getKey());
            Fields.write(out, 2, values, e.getValue());
          }

          @Override
          public Map.Entry<K, V> read(CodedInputStream in) throws IOException {
            K key = keys.defaultValue();
            V value = values.defaultValue();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
              switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> key = Fields.read(in, WireFormat.getTagWireType(tag), keys);
                case 2 -> value = Fields.read(in, WireFormat.getTagWireType(tag), values);
                default -> skip(in, tag);
              }
            }
            if (key == null || value == null) {
              throw new CodecException("a map entry without a key or a value");
            }
            return Map.entry(key, value);
          }
        };
    BytesCodec<List<Map.Entry<K, V>>> entries = list(entry);
    return new BytesCodec<>() {
      @Override
      public void write(Map<K, V> v, CodedOutputStream out) throws IOException {
        entries.write(new ArrayList<>(v.entrySet()), out);
      }

      @Override
      public Map<K, V> read(CodedInputStream in) throws IOException {
        Map<K, V> result = new LinkedHashMap<>();
        for (Map.Entry<K, V> e : entries.read(in)) {
          result.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(result);
      }

      @Override
      public Map<K, V> defaultValue() {
        return Map.of();
      }
    };
  }

  /** Skips an unknown field (evolution); an invalid tag is a {@link CodecException}. */
  static void skip(CodedInputStream in, int tag) throws IOException {
    if (WireFormat.getTagFieldNumber(tag) == 0 || !in.skipField(tag)) {
      throw new CodecException("invalid tag " + tag);
    }
  }
}
