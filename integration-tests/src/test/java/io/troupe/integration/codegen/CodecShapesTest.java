package io.troupe.integration.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Timestamp;
import io.troupe.annotation.ClusterMessage;
import io.troupe.codec.BytesCodec;
import io.troupe.codec.CodecException;
import io.troupe.codec.Codecs;
import io.troupe.codec.MessageCodec;
import io.troupe.codec.RecordCodec;
import io.troupe.codec.Tag;
import io.troupe.codec.WithCodec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Every supported component type through a generated codec: round trips (fixed values and random
 * ones), the same bytes as the runtime's hand-built {@link RecordCodec} (whose bytes are protoc's,
 * see the runtime's CodecCompatibilityTest), and typed errors on bad input.
 */
class CodecShapesTest {

  /** A point, nested in other records. */
  public record Point(int x, int y) {}

  /** A record holding records, lists of records and maps of records. */
  public record Path(
      String name, List<Point> points, Optional<Point> start, Map<String, Point> marks) {}

  public enum Level {
    LOW,
    HIGH
  }

  /** A type with no built-in codec, bound with {@code @WithCodec}. */
  @WithCodec(MoneyCodec.class)
  public record Money(long cents, String currency) {
    public Money {
      if (currency.length() != 3) {
        throw new IllegalArgumentException("a currency code has three letters: " + currency);
      }
    }
  }

  /** A user codec: "EUR:1999" as a string. */
  public static final class MoneyCodec implements BytesCodec<Money> {
    @Override
    public void write(Money value, CodedOutputStream out) throws IOException {
      out.writeStringNoTag(value.currency() + ":" + value.cents());
    }

    @Override
    public Money read(CodedInputStream in) throws IOException {
      String[] parts = in.readStringRequireUtf8().split(":", 2);
      if (parts.length != 2) {
        throw new CodecException("not money: " + Arrays.toString(parts));
      }
      try {
        return new Money(Long.parseLong(parts[1]), parts[0]);
      } catch (NumberFormatException e) {
        throw new CodecException("not money: " + parts[1]);
      }
    }

    @Override
    public boolean framesItself() {
      return true;
    }
  }

  @ClusterMessage
  public sealed interface Shapes {
    record Primitives(int i, long l, short s, byte b, char c, boolean z, double d, float f)
        implements Shapes {}

    record Boxes(Integer i, Long l, Boolean z, Double d, String text, byte[] bytes)
        implements Shapes {}

    record Values(UUID id, Instant at, Duration took, Level level, Timestamp proto, Money price)
        implements Shapes {}

    record Containers(
        List<Integer> ints,
        Set<String> names,
        Map<String, Long> counts,
        Optional<String> note,
        List<List<Integer>> grid,
        Optional<List<String>> maybeList,
        Map<Level, List<Point>> byLevel,
        List<Level> levels,
        Set<UUID> ids)
        implements Shapes {}

    record Nested(Path path, List<Path> paths, @Tag(20) Point pinned) implements Shapes {}
  }

  private final MessageCodec<Shapes> codec = MessageCodec.forType(Shapes.class);

  private Shapes roundTrip(Shapes message) {
    return codec.decode(codec.variant(message), codec.encodeArgs(message), null);
  }

  static final Shapes.Primitives PRIMITIVES =
      new Shapes.Primitives(-7, Long.MIN_VALUE, (short) 300, (byte) -1, 'λ', true, -0.0, 1.5f);

  static final Shapes.Values VALUES =
      new Shapes.Values(
          new UUID(1, -2),
          Instant.ofEpochSecond(-5, 9),
          Duration.ofMillis(1500),
          Level.HIGH,
          Timestamp.newBuilder().setSeconds(3).build(),
          new Money(1999, "EUR"));

  static final Shapes.Containers CONTAINERS =
      new Shapes.Containers(
          List.of(1, -1, 0, Integer.MAX_VALUE),
          Set.of("a"),
          Map.of("k", 0L, "j", -3L),
          Optional.of(""),
          List.of(List.of(1, 2), List.of(), List.of(3)),
          Optional.of(List.of()),
          Map.of(Level.LOW, List.of(new Point(1, 1))),
          List.of(Level.LOW, Level.LOW),
          Set.of(new UUID(0, 0)));

  static final Path PATH =
      new Path(
          "p",
          List.of(new Point(0, 0), new Point(1, -1)),
          Optional.of(new Point(5, 5)),
          Map.of("end", new Point(9, 9)));

  static final Shapes.Nested NESTED =
      new Shapes.Nested(
          PATH,
          List.of(PATH, new Path("", List.of(), Optional.empty(), Map.of())),
          new Point(2, 3));

  @Test
  void everyShapeRoundTrips() {
    assertEquals(PRIMITIVES, roundTrip(PRIMITIVES));
    Shapes.Boxes boxes =
        (Shapes.Boxes)
            roundTrip(new Shapes.Boxes(5, -5L, true, 2.5, "héllo", new byte[] {0, 1, 2}));
    assertEquals(
        List.of(5, -5L, true, 2.5, "héllo"),
        List.of(boxes.i(), boxes.l(), boxes.z(), boxes.d(), boxes.text()));
    assertArrayEquals(new byte[] {0, 1, 2}, boxes.bytes());
    assertEquals(VALUES, roundTrip(VALUES));
    assertEquals(CONTAINERS, roundTrip(CONTAINERS));
    assertEquals(NESTED, roundTrip(NESTED));
  }

  @Test
  void absentFieldsTakeTheirDefaults() {
    assertEquals(
        new Shapes.Primitives(0, 0, (short) 0, (byte) 0, '\0', false, 0.0, 0.0f),
        codec.decode("Primitives", new byte[0], null));
    Shapes.Boxes boxes = (Shapes.Boxes) codec.decode("Boxes", new byte[0], null);
    assertEquals(
        List.of(0, 0L, false, 0.0, ""),
        List.of(boxes.i(), boxes.l(), boxes.z(), boxes.d(), boxes.text()));
    assertEquals(0, boxes.bytes().length);
    Shapes.Containers empty = (Shapes.Containers) codec.decode("Containers", new byte[0], null);
    assertEquals(
        new Shapes.Containers(
            List.of(),
            Set.of(),
            Map.of(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Map.of(),
            List.of(),
            Set.of()),
        empty);
    assertEquals(
        new Shapes.Nested(null, List.of(), null), codec.decode("Nested", new byte[0], null));
    // Defaults are not written, so the empty message is zero bytes.
    assertEquals(0, codec.encodeArgs(empty).length);
  }

  /** The runtime's hand-built codec for Point and Path: the reference encoding. */
  static final RecordCodec<Point> POINT =
      RecordCodec.<Point>builder(v -> new Point((Integer) v[0], (Integer) v[1]))
          .field(1, Codecs.INT, Point::x)
          .field(2, Codecs.INT, Point::y)
          .build();

  @SuppressWarnings("unchecked")
  static final RecordCodec<Shapes.Nested> NESTED_BY_HAND = nestedByHand();

  @SuppressWarnings("unchecked")
  private static RecordCodec<Shapes.Nested> nestedByHand() {
    RecordCodec<Path> path =
        RecordCodec.<Path>builder(
                v ->
                    new Path(
                        (String) v[0],
                        (List<Point>) v[1],
                        (Optional<Point>) v[2],
                        (Map<String, Point>) v[3]))
            .field(1, Codecs.STRING, Path::name)
            .field(2, Codecs.list(POINT), Path::points)
            .field(3, Codecs.optional(POINT), Path::start)
            .field(4, Codecs.map(Codecs.STRING, POINT), Path::marks)
            .build();
    return RecordCodec.<Shapes.Nested>builder(
            v -> new Shapes.Nested((Path) v[0], (List<Path>) v[1], (Point) v[2]))
        .field(1, path, Shapes.Nested::path)
        .field(2, Codecs.list(path), Shapes.Nested::paths)
        .field(20, POINT, Shapes.Nested::pinned)
        .build();
  }

  @Test
  void theGeneratedBytesAreTheHandBuiltCodecsBytes() {
    assertArrayEquals(Codecs.encode(NESTED_BY_HAND, NESTED), codec.encodeArgs(NESTED));
    assertEquals(NESTED, Codecs.decode(NESTED_BY_HAND, codec.encodeArgs(NESTED)));
    assertEquals(NESTED, codec.decode("Nested", Codecs.encode(NESTED_BY_HAND, NESTED), null));
  }

  @Test
  void badInputIsACodecExceptionAndNothingElse() {
    // A string field (1) sent as a varint.
    assertThrows(
        CodecException.class,
        () -> codec.decode("Nested", new byte[] {0x0a, 0x02, 0x08, 0x01, 0x08, 0x05}, null));
    // A nested message claiming more bytes than there are.
    assertThrows(
        CodecException.class, () -> codec.decode("Nested", new byte[] {0x0a, 0x7f, 0x08}, null));
    // A user codec that refuses its bytes, and a constructor that refuses the decoded components.
    byte[] badMoney = {0x32, 0x05, 'E', 'U', 'R', ':', 'x'};
    assertThrows(CodecException.class, () -> codec.decode("Values", badMoney, null));
    byte[] badCurrency = {0x32, 0x04, 'E', 'U', ':', '1'};
    assertThrows(CodecException.class, () -> codec.decode("Values", badCurrency, null));
    // Null elements cannot be encoded.
    List<Integer> withNull = new java.util.ArrayList<>(Arrays.asList(1, null));
    Shapes.Containers nulls =
        new Shapes.Containers(
            withNull,
            Set.of(),
            Map.of(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Map.of(),
            List.of(),
            Set.of());
    assertThrows(CodecException.class, () -> codec.encodeArgs(nulls));
  }

  @Property(tries = 300)
  void randomValuesRoundTrip(
      @ForAll int i,
      @ForAll long l,
      @ForAll short s,
      @ForAll byte b,
      @ForAll char c,
      @ForAll boolean z,
      @ForAll double d,
      @ForAll float f,
      @ForAll List<@Size(max = 3) List<Integer>> grid,
      @ForAll Map<String, Long> counts,
      @ForAll Set<String> names) {
    Shapes.Primitives p = new Shapes.Primitives(i, l, s, b, c, z, d, f);
    Shapes.Primitives back = (Shapes.Primitives) roundTrip(p);
    assertEquals(
        List.of(i, l, s, b, c, z, Double.doubleToLongBits(d), Float.floatToIntBits(f)),
        List.of(
            back.i(),
            back.l(),
            back.s(),
            back.b(),
            back.c(),
            back.z(),
            Double.doubleToLongBits(back.d()),
            Float.floatToIntBits(back.f())));
    Map<String, Long> validCounts = new LinkedHashMap<>();
    counts.forEach((k, v) -> validCounts.put(utf8(k), v));
    Set<String> validNames = new java.util.LinkedHashSet<>();
    names.forEach(n -> validNames.add(utf8(n)));
    List<List<Integer>> noNulls =
        grid.stream().map(row -> row.stream().filter(java.util.Objects::nonNull).toList()).toList();
    Shapes.Containers containers =
        new Shapes.Containers(
            noNulls.stream().flatMap(List::stream).toList(),
            validNames,
            validCounts,
            Optional.empty(),
            noNulls,
            Optional.of(List.copyOf(validNames)),
            Map.of(),
            List.of(),
            Set.of());
    assertEquals(containers, roundTrip(containers));
  }

  /** The string as UTF-8 can carry it (lone surrogates cannot be encoded). */
  private static String utf8(String s) {
    return new String(
        s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        java.nio.charset.StandardCharsets.UTF_8);
  }
}
