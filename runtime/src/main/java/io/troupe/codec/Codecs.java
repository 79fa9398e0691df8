package io.troupe.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.google.protobuf.WireFormat;
import io.troupe.generated.Fields;
import io.troupe.generated.MapCodec;
import io.troupe.generated.RepeatedCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * The built-in codecs, and encoding to and from byte arrays with every failure turned into a {@link
 * CodecException}.
 *
 * <p>Wire formats: {@code int}, {@code long} as signed varints (int32/int64), {@code boolean} as a
 * varint, {@code double}/{@code float} as fixed64/fixed32, {@code String} as UTF-8 bytes, {@code
 * byte[]} as bytes, an enum as its constant's name, a {@code UUID} as 16 big-endian bytes, {@code
 * Instant} and {@code Duration} as a message {@code {1: seconds, 2: nanos}} (protobuf's {@code
 * Timestamp}/{@code Duration} shape), a list or set as a protobuf {@code repeated} field (scalars
 * packed), a map as a protobuf {@code map} field (repeated entries {@code {1: key, 2: value}}), an
 * {@code Optional} as its value or an absent field, a record as a message (see {@link
 * RecordCodec}), a protobuf message as itself. A list, set or map that is not directly a record's
 * field (encoded alone, or inside an {@code Optional}, a list or a map) is wrapped in a message
 * whose field 1 holds it.
 */
public final class Codecs {
  private Codecs() {}

  // ------------------------------------------------------------------ byte arrays

  /**
   * Encodes one value as the body of a message (for a record: its fields), in one pass into an
   * array of exactly {@link BytesCodec#sizeOf} bytes.
   *
   * @param <T> the value's type
   * @param codec the value's codec
   * @param value the value
   * @return the encoded bytes
   * @throws CodecException if the value cannot be encoded (a null element, an empty Optional at the
   *     top, a codec whose {@code sizeOf} disagrees with its {@code write})
   */
  public static <T> byte[] encode(BytesCodec<T> codec, T value) {
    try {
      byte[] bytes = new byte[codec.sizeOf(value)];
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      codec.write(value, out);
      if (out.spaceLeft() != 0) {
        throw new CodecException(
            codec.getClass().getName()
                + " wrote "
                + out.spaceLeft()
                + " bytes fewer than its sizeOf");
      }
      return bytes;
    } catch (CodedOutputStream.OutOfSpaceException e) {
      throw new CodecException(codec.getClass().getName() + " wrote more bytes than its sizeOf", e);
    } catch (IOException | RuntimeException e) {
      throw asCodecException("cannot encode " + describe(value), e);
    }
  }

  /**
   * Encodes through a growing buffer: how {@link BytesCodec#sizeOf} counts a codec that does not
   * say.
   */
  static <T> byte[] encodeCounting(BytesCodec<T> codec, T value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      CodedOutputStream out = CodedOutputStream.newInstance(bytes, 256);
      codec.write(value, out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw asCodecException("cannot encode " + describe(value), e);
    }
  }

  private static CodecException asCodecException(String what, Exception e) {
    return e instanceof CodecException ce ? ce : new CodecException(what + ": " + e, e);
  }

  /**
   * Decodes a value encoded by {@link #encode}.
   *
   * @param <T> the value's type
   * @param codec the value's codec
   * @param bytes the encoded value, all of it
   * @return the decoded value
   * @throws CodecException on any malformed, truncated or oversized input
   */
  public static <T> T decode(BytesCodec<T> codec, byte[] bytes) {
    return decode(bytes, codec::read);
  }

  /**
   * Reads a value from a stream: {@link BytesCodec#read}, or a generated reader with more
   * arguments.
   *
   * @param <T> the type read
   */
  @FunctionalInterface
  public interface Reader<T> {
    /**
     * Reads one value.
     *
     * @param in the bytes, positioned at the value
     * @return the value read
     * @throws IOException if {@code in} fails or ends too early
     */
    T read(CodedInputStream in) throws IOException;
  }

  /**
   * Decodes {@code bytes} with {@code reader}, with the checks of {@link #decode(BytesCodec,
   * byte[])}: every claimed length is compared with the bytes really there, the whole input must be
   * used, and any failure is a {@link CodecException}.
   *
   * @param <T> the value's type
   * @param bytes the encoded value, all of it
   * @param reader reads the value
   * @return the decoded value
   * @throws CodecException on any malformed, truncated or oversized input, or trailing bytes
   */
  public static <T> T decode(byte[] bytes, Reader<T> reader) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      in.setSizeLimit(bytes.length);
      // Bounds the stream by the input itself, so every claimed length is compared with the bytes
      // really left (without a limit getBytesUntilLimit() is -1 and the check is off).
      in.pushLimit(bytes.length);
      T value = reader.read(in);
      if (!in.isAtEnd()) {
        throw new CodecException("trailing bytes after the value");
      }
      return value;
    } catch (CodecException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw new CodecException(
          "malformed input (" + bytes.length + " bytes): " + e.getMessage(), e);
    }
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  // ------------------------------------------------------------------ scalars

  /** Writes a scalar's value without its tag. */
  @FunctionalInterface
  private interface ScalarWriter<T> {
    void write(CodedOutputStream out, T value) throws IOException;
  }

  /** Reads a scalar's value. */
  @FunctionalInterface
  private interface ScalarReader<T> {
    T read(CodedInputStream in) throws IOException;
  }

  /**
   * A codec of a varint, fixed32 or fixed64 scalar: one class for all eight, told apart by their
   * functions. A record, so that the JIT trusts its fields as constants and inlines the functions
   * where the codec itself is a constant (every built-in scalar is a static final field).
   */
  private record Scalar<T>(
      int wireType,
      T defaultValue,
      ToIntFunction<T> size,
      ScalarWriter<T> writer,
      ScalarReader<T> reader)
      implements BytesCodec<T> {
    @Override
    public int sizeOf(T value) {
      return size.applyAsInt(value);
    }

    @Override
    public void write(T value, CodedOutputStream out) throws IOException {
      writer.write(out, value);
    }

    @Override
    public T read(CodedInputStream in) throws IOException {
      return reader.read(in);
    }
  }

  /** {@code int} as a signed varint (protobuf {@code int32}); default 0. */
  public static final BytesCodec<Integer> INT =
      new Scalar<>(
          WireFormat.WIRETYPE_VARINT,
          0,
          CodedOutputStream::computeInt32SizeNoTag,
          CodedOutputStream::writeInt32NoTag,
          CodedInputStream::readInt32);

  /** {@code long} as a signed varint (protobuf {@code int64}); default 0. */
  public static final BytesCodec<Long> LONG =
      new Scalar<>(
          WireFormat.WIRETYPE_VARINT,
          0L,
          CodedOutputStream::computeInt64SizeNoTag,
          CodedOutputStream::writeInt64NoTag,
          CodedInputStream::readInt64);

  /** {@code short} as a signed varint (protobuf {@code int32}); default 0. */
  public static final BytesCodec<Short> SHORT =
      new Scalar<>(
          WireFormat.WIRETYPE_VARINT,
          (short) 0,
          v -> CodedOutputStream.computeInt32SizeNoTag(v),
          (out, v) -> out.writeInt32NoTag(v),
          in -> (short) in.readInt32());

  /** {@code byte} as a signed varint (protobuf {@code int32}); default 0. */
  public static final BytesCodec<Byte> BYTE =
      new Scalar<>(
          WireFormat.WIRETYPE_VARINT,
          (byte) 0,
          v -> CodedOutputStream.computeInt32SizeNoTag(v),
          (out, v) -> out.writeInt32NoTag(v),
          in -> (byte) in.readInt32());

  /** {@code char} as an unsigned varint of its UTF-16 code unit; default the character 0. */
  public static final BytesCodec<Character> CHAR =
      new Scalar<>(
          WireFormat.WIRETYPE_VARINT,
          (char) 0,
          v -> CodedOutputStream.computeUInt32SizeNoTag(v),
          (out, v) -> out.writeUInt32NoTag(v),
          in -> (char) in.readUInt32());

  /** {@code boolean} as a varint 0 or 1; default false. */
  public static final BytesCodec<Boolean> BOOLEAN =
      new Scalar<>(
          WireFormat.WIRETYPE_VARINT,
          false,
          v -> 1,
          CodedOutputStream::writeBoolNoTag,
          CodedInputStream::readBool);

  /** {@code double} as fixed64; default 0.0. */
  public static final BytesCodec<Double> DOUBLE =
      new Scalar<>(
          WireFormat.WIRETYPE_FIXED64,
          0.0,
          v -> 8,
          CodedOutputStream::writeDoubleNoTag,
          CodedInputStream::readDouble);

  /** {@code float} as fixed32; default 0.0f. */
  public static final BytesCodec<Float> FLOAT =
      new Scalar<>(
          WireFormat.WIRETYPE_FIXED32,
          0.0f,
          v -> 4,
          CodedOutputStream::writeFloatNoTag,
          CodedInputStream::readFloat);

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

  /** {@code String} as UTF-8 bytes (malformed UTF-8 is a {@link CodecException}); default empty. */
  public static final BytesCodec<String> STRING =
      new SelfFramed<>("") {
        @Override
        public int sizeOf(String v) {
          return CodedOutputStream.computeStringSizeNoTag(v);
        }

        @Override
        public void write(String v, CodedOutputStream out) throws IOException {
          out.writeStringNoTag(v);
        }

        @Override
        public String read(CodedInputStream in) throws IOException {
          return in.readStringRequireUtf8();
        }
      };

  /** {@code byte[]} as bytes; default an empty array. */
  public static final BytesCodec<byte[]> BYTES =
      new SelfFramed<>(new byte[0]) {
        @Override
        public int sizeOf(byte[] v) {
          return CodedOutputStream.computeByteArraySizeNoTag(v);
        }

        @Override
        public void write(byte[] v, CodedOutputStream out) throws IOException {
          out.writeByteArrayNoTag(v);
        }

        @Override
        public byte[] read(CodedInputStream in) throws IOException {
          int length = Fields.checkedLength(in);
          return in.readRawBytes(length);
        }

        @Override
        public byte[] defaultValue() {
          return new byte[0];
        }
      };

  /** 16 big-endian bytes, framed as protobuf {@code bytes}. */
  public static final BytesCodec<UUID> UUID_CODEC =
      new SelfFramed<>(null) {
        @Override
        public int sizeOf(UUID v) {
          return 17;
        }

        @Override
        public void write(UUID v, CodedOutputStream out) throws IOException {
          out.writeUInt32NoTag(16);
          // writeFixed64 is little-endian: reversing the bytes first writes them big-endian.
          out.writeFixed64NoTag(Long.reverseBytes(v.getMostSignificantBits()));
          out.writeFixed64NoTag(Long.reverseBytes(v.getLeastSignificantBits()));
        }

        @Override
        public UUID read(CodedInputStream in) throws IOException {
          int length = in.readRawVarint32();
          if (length != 16) {
            throw new CodecException("a UUID needs 16 bytes, got " + length);
          }
          long most = Long.reverseBytes(in.readFixed64());
          return new UUID(most, Long.reverseBytes(in.readFixed64()));
        }
      };

  /**
   * Enum constants by name; an unknown name is a {@link CodecException}.
   *
   * @param <E> the enum type
   * @param type the enum's class
   * @return the codec
   */
  public static <E extends Enum<E>> BytesCodec<E> enumOf(Class<E> type) {
    return new SelfFramed<>(null) {
      @Override
      public int sizeOf(E v) {
        return CodedOutputStream.computeStringSizeNoTag(v.name());
      }

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

  /**
   * Seconds-and-nanos messages, shared by Instant and Duration (the shape of protobuf's Timestamp).
   */
  private abstract static class SecondsNanos<T> implements BytesCodec<T> {
    abstract long seconds(T v);

    abstract int nanos(T v);

    abstract T make(long seconds, int nanos);

    @Override
    public int sizeOf(T v) {
      long seconds = seconds(v);
      int nanos = nanos(v);
      return (seconds == 0 ? 0 : 1 + CodedOutputStream.computeInt64SizeNoTag(seconds))
          + (nanos == 0 ? 0 : 1 + CodedOutputStream.computeInt32SizeNoTag(nanos));
    }

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
          default -> Fields.skip(in, tag);
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

  /**
   * {@code Instant} as the message {@code {1: seconds, 2: nanos}} (protobuf's {@code Timestamp}
   * shape).
   */
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

  /**
   * {@code Duration} as the message {@code {1: seconds, 2: nanos}} (protobuf's {@code Duration}
   * shape).
   */
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

  /**
   * Any protobuf message, by its parser.
   *
   * @param <P> the message type
   * @param parser the message type's parser, e.g. {@code MyMessage.parser()}
   * @return the codec
   */
  public static <P extends MessageLite> BytesCodec<P> protobuf(Parser<P> parser) {
    return new BytesCodec<>() {
      @Override
      public int sizeOf(P v) {
        return v.getSerializedSize();
      }

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

  /**
   * Absent when empty; the element codec's bytes when present. Decodes a missing field to empty.
   *
   * @param <T> the element type
   * @param element the element's codec
   * @return the codec
   */
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
      public int sizeOf(Optional<T> v) {
        return element.sizeOf(present(v));
      }

      @Override
      public void write(Optional<T> v, CodedOutputStream out) throws IOException {
        element.write(present(v), out);
      }

      private T present(Optional<T> v) {
        return v.orElseThrow(
            () -> new CodecException("an empty Optional is written as an absent field"));
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

  /**
   * A list: as a record's field, a protobuf {@code repeated} field (scalars packed).
   *
   * @param <T> the element type
   * @param element the elements' codec
   * @return the codec
   */
  public static <T> BytesCodec<List<T>> list(BytesCodec<T> element) {
    return new RepeatedCodec<>(element, Collections::unmodifiableList, List.of());
  }

  /**
   * A set, in iteration order: as a record's field, a protobuf {@code repeated} field.
   *
   * @param <T> the element type
   * @param element the elements' codec
   * @return the codec
   */
  public static <T> BytesCodec<Set<T>> set(BytesCodec<T> element) {
    return new RepeatedCodec<>(
        element, items -> Collections.unmodifiableSet(new LinkedHashSet<>(items)), Set.of());
  }

  /**
   * A map, in iteration order: as a record's field, a protobuf {@code map} field.
   *
   * @param <K> the key type
   * @param <V> the value type
   * @param keys the keys' codec
   * @param values the values' codec
   * @return the codec
   */
  public static <K, V> BytesCodec<Map<K, V>> map(BytesCodec<K> keys, BytesCodec<V> values) {
    return new MapCodec<>(keys, values);
  }
}
