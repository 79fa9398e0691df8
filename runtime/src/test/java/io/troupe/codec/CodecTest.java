package io.troupe.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CodecTest {
  enum Color {
    RED,
    GREEN
  }

  record Point(int x, int y) {}

  record Shape(
      String name, List<Point> points, Optional<Color> color, Map<String, Long> tags, Instant at) {}

  static final RecordCodec<Point> POINT =
      RecordCodec.<Point>builder(v -> new Point((Integer) v[0], (Integer) v[1]))
          .field(1, Codecs.INT, Point::x)
          .field(2, Codecs.INT, Point::y)
          .build();

  @SuppressWarnings("unchecked")
  static final RecordCodec<Shape> SHAPE =
      RecordCodec.<Shape>builder(
              v ->
                  new Shape(
                      (String) v[0],
                      (List<Point>) v[1],
                      (Optional<Color>) v[2],
                      (Map<String, Long>) v[3],
                      (Instant) v[4]))
          .field(1, Codecs.STRING, Shape::name)
          .field(2, Codecs.list(POINT), Shape::points)
          .field(3, Codecs.optional(Codecs.enumOf(Color.class)), Shape::color)
          .field(4, Codecs.map(Codecs.STRING, Codecs.LONG), Shape::tags)
          .field(5, Codecs.INSTANT, Shape::at)
          .build();

  private static <T> T roundTrip(BytesCodec<T> codec, T value) {
    return Codecs.decode(codec, Codecs.encode(codec, value));
  }

  @Test
  void nestedRecordsCollectionsOptionalsAndTimesRoundTrip() {
    Shape shape =
        new Shape(
            "tri",
            List.of(new Point(0, 0), new Point(-3, 7)),
            Optional.of(Color.GREEN),
            Map.of("a", 1L, "b", -2L),
            Instant.ofEpochSecond(1_700_000_000, 123));
    assertEquals(shape, roundTrip(SHAPE, shape));
    Shape bare = new Shape("", List.of(), Optional.empty(), Map.of(), Instant.EPOCH);
    assertEquals(bare, roundTrip(SHAPE, bare));
  }

  @Test
  void scalarsAndBuiltInsRoundTrip() {
    assertEquals(Integer.MIN_VALUE, roundTrip(Codecs.INT, Integer.MIN_VALUE));
    assertEquals(Long.MAX_VALUE, roundTrip(Codecs.LONG, Long.MAX_VALUE));
    assertEquals(-2.5, roundTrip(Codecs.DOUBLE, -2.5));
    assertEquals(1.25f, roundTrip(Codecs.FLOAT, 1.25f));
    assertEquals(true, roundTrip(Codecs.BOOLEAN, true));
    assertEquals((short) -7, roundTrip(Codecs.SHORT, (short) -7));
    assertEquals('λ', roundTrip(Codecs.CHAR, 'λ'));
    assertEquals("héllo", roundTrip(Codecs.STRING, "héllo"));
    assertArrayEquals(new byte[] {1, 2, 3}, roundTrip(Codecs.BYTES, new byte[] {1, 2, 3}));
    UUID id = UUID.randomUUID();
    assertEquals(id, roundTrip(Codecs.UUID_CODEC, id));
    assertEquals(Duration.ofSeconds(-5, 7), roundTrip(Codecs.DURATION, Duration.ofSeconds(-5, 7)));
    assertEquals(Set.of(3, 1, 2), roundTrip(Codecs.set(Codecs.INT), Set.of(3, 1, 2)));
    Timestamp ts = Timestamp.newBuilder().setSeconds(42).setNanos(9).build();
    assertEquals(ts, roundTrip(Codecs.protobuf(Timestamp.parser()), ts));
  }

  record Blob(byte[] data) {}

  @Test
  void anEmptyByteArrayIsNotWrittenLikeAnyDefault() {
    RecordCodec<Blob> blob =
        RecordCodec.<Blob>builder(v -> new Blob((byte[]) v[0]))
            .field(1, Codecs.BYTES, Blob::data)
            .build();
    assertEquals(0, Codecs.encode(blob, new Blob(new byte[0])).length);
    assertArrayEquals(new byte[] {0x0a, 1, 7}, Codecs.encode(blob, new Blob(new byte[] {7})));
  }

  @Test
  void theRecordEncodingIsProtobufCompatible() throws Exception {
    // Point(x=150, y=0) is field 1 = varint 150: 08 96 01 — what protoc's code writes too.
    assertArrayEquals(
        new byte[] {0x08, (byte) 0x96, 0x01}, Codecs.encode(POINT, new Point(150, 0)));
    // A protobuf Timestamp has the same shape as our Instant: {1: seconds, 2: nanos}.
    Timestamp ts = Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(5).build();
    assertEquals(
        Instant.ofEpochSecond(1_700_000_000, 5), Codecs.decode(Codecs.INSTANT, ts.toByteArray()));
  }

  // ------------------------------------------------------------------ evolution

  record PointV1(int x) {}

  record PointV2(int x, String label, List<Integer> extra) {}

  static final RecordCodec<PointV1> V1 =
      RecordCodec.<PointV1>builder(v -> new PointV1((Integer) v[0]))
          .field(1, Codecs.INT, PointV1::x)
          .build();

  @SuppressWarnings("unchecked")
  static final RecordCodec<PointV2> V2 =
      RecordCodec.<PointV2>builder(
              v -> new PointV2((Integer) v[0], (String) v[1], (List<Integer>) v[2]))
          .field(1, Codecs.INT, PointV2::x)
          .field(2, Codecs.STRING, PointV2::label)
          .field(3, Codecs.list(Codecs.INT), PointV2::extra)
          .build();

  @Test
  void oldBytesDecodeWithNewCodecGivingDefaults() {
    assertEquals(
        new PointV2(7, "", List.of()), Codecs.decode(V2, Codecs.encode(V1, new PointV1(7))));
  }

  @Test
  void newBytesDecodeWithOldCodecSkippingUnknownFields() {
    assertEquals(
        new PointV1(9),
        Codecs.decode(V1, Codecs.encode(V2, new PointV2(9, "new", List.of(1, 2, 3)))));
  }

  @Test
  void tagsPinFieldNumbers() {
    RecordCodec<Point> reordered =
        RecordCodec.<Point>builder(v -> new Point((Integer) v[1], (Integer) v[0]))
            .field(2, Codecs.INT, Point::y)
            .field(1, Codecs.INT, Point::x)
            .build();
    assertEquals(new Point(4, 5), Codecs.decode(reordered, Codecs.encode(POINT, new Point(4, 5))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RecordCodec.<Point>builder(v -> null)
                .field(1, Codecs.INT, Point::x)
                .field(1, Codecs.INT, Point::y));
    assertThrows(
        IllegalArgumentException.class,
        () -> RecordCodec.<Point>builder(v -> null).field(19_500, Codecs.INT, Point::x));
    assertThrows(
        IllegalArgumentException.class,
        () -> RecordCodec.<Point>builder(v -> null).field(0, Codecs.INT, Point::x));
  }

  // ------------------------------------------------------------------ bad input

  @Test
  void aForgedLengthIsRefusedBeforeAnyAllocation() {
    // Field 5 (the nested Instant) claims 2^30 bytes but only three follow: refused by the length
    // check itself, before the nested decoder runs.
    byte[] forged = {0x2A, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04, 'a', 'b', 'c'};
    CodecException e = assertThrows(CodecException.class, () -> Codecs.decode(SHAPE, forged));
    assertEquals("a value claims 1073741824 bytes but fewer remain", e.getMessage());
  }

  @Test
  void malformedInputIsACodecException() {
    byte[] good =
        Codecs.encode(
            SHAPE,
            new Shape(
                "x",
                List.of(new Point(1, 2)),
                Optional.of(Color.RED),
                Map.of("k", 3L),
                Instant.EPOCH));
    // A cut between fields is a valid, shorter message (protobuf has no end marker); a cut inside
    // a field must be a CodecException and nothing else.
    int refused = 0;
    for (int cut = 1; cut < good.length; cut++) {
      byte[] truncated = java.util.Arrays.copyOf(good, cut);
      try {
        Codecs.decode(SHAPE, truncated);
      } catch (CodecException expected) {
        refused++;
      }
    }
    assertEquals(true, refused > good.length / 2, refused + " of " + good.length + " cuts refused");
    // A length prefix claiming far more than the input holds: no huge allocation, a CodecException.
    assertThrows(
        CodecException.class,
        () ->
            Codecs.decode(
                SHAPE,
                new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}));
    // Wrong wire type for a known field.
    assertThrows(CodecException.class, () -> Codecs.decode(POINT, new byte[] {0x0d, 1, 2, 3, 4}));
    // An enum name that does not exist.
    byte[] unknownColor = Codecs.encode(Codecs.STRING, "PURPLE");
    assertThrows(
        CodecException.class, () -> Codecs.decode(Codecs.enumOf(Color.class), unknownColor));
    // Invalid UTF-8.
    assertThrows(
        CodecException.class,
        () -> Codecs.decode(Codecs.STRING, new byte[] {2, (byte) 0xc3, 0x28}));
    // Field number 0.
    assertThrows(CodecException.class, () -> Codecs.decode(POINT, new byte[] {0x00, 1}));
  }

  /** A record that contains itself, to nest deeply. */
  record Node(Optional<Node> next) {}

  static final RecordCodec<Node> NODE = nodeCodec();

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static RecordCodec<Node> nodeCodec() {
    BytesCodec<Node>[] self = new BytesCodec[1];
    BytesCodec<Node> lazy =
        new BytesCodec<>() {
          @Override
          public void write(Node value, com.google.protobuf.CodedOutputStream out)
              throws java.io.IOException {
            self[0].write(value, out);
          }

          @Override
          public Node read(com.google.protobuf.CodedInputStream in) throws java.io.IOException {
            return self[0].read(in);
          }
        };
    RecordCodec<Node> codec =
        RecordCodec.<Node>builder(v -> new Node((Optional<Node>) v[0]))
            .field(1, Codecs.optional(lazy), Node::next)
            .build();
    self[0] = codec;
    return codec;
  }

  @Test
  void nestingIsBounded() {
    Node shallow = new Node(Optional.of(new Node(Optional.empty())));
    assertEquals(shallow, roundTrip(NODE, shallow));
    // 100,000 levels of "field 1, length-delimited" would blow the stack without the depth cap.
    byte[] deep = new byte[200_000];
    for (int i = 0; i < deep.length; i += 2) {
      deep[i] = 0x0a;
      deep[i + 1] = 0x7f; // claims 127 bytes: the depth cap or the length check stops it
    }
    assertThrows(CodecException.class, () -> Codecs.decode(NODE, deep));
  }

  @Test
  void messageCodecForATypeWithoutOneIsAClearError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.forType(Color.class));
    assertEquals(true, e.getMessage().contains("@ClusterMessage"));
  }
}
