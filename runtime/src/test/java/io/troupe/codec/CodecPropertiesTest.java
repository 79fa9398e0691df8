package io.troupe.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Random values of every built-in type survive a round trip. */
class CodecPropertiesTest {
  private static <T> T roundTrip(BytesCodec<T> codec, T value) {
    return Codecs.decode(codec, Codecs.encode(codec, value));
  }

  @Property(tries = 200)
  void scalars(
      @ForAll int i,
      @ForAll long l,
      @ForAll double d,
      @ForAll float f,
      @ForAll boolean b,
      @ForAll short s,
      @ForAll byte y,
      @ForAll char c) {
    assertEquals(i, roundTrip(Codecs.INT, i));
    assertEquals(l, roundTrip(Codecs.LONG, l));
    assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(roundTrip(Codecs.DOUBLE, d)));
    assertEquals(Float.floatToIntBits(f), Float.floatToIntBits(roundTrip(Codecs.FLOAT, f)));
    assertEquals(b, roundTrip(Codecs.BOOLEAN, b));
    assertEquals(s, roundTrip(Codecs.SHORT, s));
    assertEquals(y, roundTrip(Codecs.BYTE, y));
    assertEquals(c, roundTrip(Codecs.CHAR, c));
  }

  @Property(tries = 200)
  void stringsAndBytes(@ForAll String text, @ForAll byte[] bytes) {
    // Lone surrogates cannot be encoded as UTF-8; every other string must survive.
    String valid =
        new String(
            text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(valid, roundTrip(Codecs.STRING, valid));
    assertArrayEquals(bytes, roundTrip(Codecs.BYTES, bytes));
  }

  @Property(tries = 200)
  void timesAndIds(
      @ForAll long most,
      @ForAll long least,
      @ForAll @LongRange(min = -31_557_014_167_219_200L, max = 31_556_889_864_403_199L)
          long seconds,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
    UUID id = new UUID(most, least);
    assertEquals(id, roundTrip(Codecs.UUID_CODEC, id));
    Instant at = Instant.ofEpochSecond(seconds, nanos);
    assertEquals(at, roundTrip(Codecs.INSTANT, at));
    Duration d = Duration.ofSeconds(seconds, nanos);
    assertEquals(d, roundTrip(Codecs.DURATION, d));
  }

  @Property(tries = 200)
  void containers(
      @ForAll List<Integer> ints,
      @ForAll Set<Long> longs,
      @ForAll Map<Integer, Boolean> map,
      @ForAll Optional<Integer> maybe) {
    List<Integer> noNulls = ints.stream().filter(java.util.Objects::nonNull).toList();
    assertEquals(noNulls, roundTrip(Codecs.list(Codecs.INT), noNulls));
    assertEquals(longs, roundTrip(Codecs.set(Codecs.LONG), longs));
    assertEquals(map, roundTrip(Codecs.map(Codecs.INT, Codecs.BOOLEAN), map));
    RecordCodec<Holder> holder =
        RecordCodec.<Holder>builder(v -> new Holder(castOptional(v[0])))
            .field(1, Codecs.optional(Codecs.INT), Holder::value)
            .build();
    assertEquals(new Holder(maybe), roundTrip(holder, new Holder(maybe)));
  }

  record Holder(Optional<Integer> value) {}

  @SuppressWarnings("unchecked")
  private static Optional<Integer> castOptional(Object o) {
    return (Optional<Integer>) o;
  }
}
