package io.troupe.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.codec.proto.PLine;
import io.troupe.codec.proto.POrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Troupe's record encoding is protobuf's: the bytes of a record equal protoc's bytes for the same
 * schema (repeated messages, packed scalars, maps, nested messages), and each side decodes the
 * other.
 */
class CodecCompatibilityTest {
  record Line(String sku, int quantity, long priceCents) {}

  record Order(
      String id,
      long customer,
      List<Line> lines,
      double total,
      boolean express,
      List<Integer> codes,
      Map<String, Long> tags,
      List<String> notes,
      Line first) {}

  static final RecordCodec<Line> LINE =
      RecordCodec.<Line>builder(v -> new Line((String) v[0], (Integer) v[1], (Long) v[2]))
          .field(1, Codecs.STRING, Line::sku)
          .field(2, Codecs.INT, Line::quantity)
          .field(3, Codecs.LONG, Line::priceCents)
          .build();

  @SuppressWarnings("unchecked")
  static final RecordCodec<Order> ORDER =
      RecordCodec.<Order>builder(
              v ->
                  new Order(
                      (String) v[0],
                      (Long) v[1],
                      (List<Line>) v[2],
                      (Double) v[3],
                      (Boolean) v[4],
                      (List<Integer>) v[5],
                      (Map<String, Long>) v[6],
                      (List<String>) v[7],
                      (Line) v[8]))
          .field(1, Codecs.STRING, Order::id)
          .field(2, Codecs.LONG, Order::customer)
          .field(3, Codecs.list(LINE), Order::lines)
          .field(4, Codecs.DOUBLE, Order::total)
          .field(5, Codecs.BOOLEAN, Order::express)
          .field(6, Codecs.list(Codecs.INT), Order::codes)
          .field(7, Codecs.map(Codecs.STRING, Codecs.LONG), Order::tags)
          .field(8, Codecs.list(Codecs.STRING), Order::notes)
          .field(9, LINE, Order::first)
          .build();

  private static Order order(int lines) {
    Map<String, Long> tags = new LinkedHashMap<>();
    tags.put("region", 7L);
    tags.put("zero", 0L);
    List<Line> items = new java.util.ArrayList<>();
    for (int i = 0; i < lines; i++) {
      items.add(new Line("SKU-" + i, i, i * -1999L));
    }
    return new Order(
        "o-1",
        123_456_789L,
        items,
        12.5,
        true,
        List.of(1, -1, 300, 0),
        tags,
        List.of("a", "", "ü"),
        new Line("x", 1, 2));
  }

  private static POrder proto(Order o) {
    POrder.Builder b =
        POrder.newBuilder()
            .setId(o.id())
            .setCustomer(o.customer())
            .setTotal(o.total())
            .setExpress(o.express())
            .addAllCodes(o.codes())
            .putAllTags(o.tags())
            .addAllNotes(o.notes());
    o.lines()
        .forEach(
            l ->
                b.addLines(
                    PLine.newBuilder()
                        .setSku(l.sku())
                        .setQuantity(l.quantity())
                        .setPriceCents(l.priceCents())));
    if (o.first() != null) {
      b.setFirst(
          PLine.newBuilder()
              .setSku(o.first().sku())
              .setQuantity(o.first().quantity())
              .setPriceCents(o.first().priceCents()));
    }
    return b.build();
  }

  @Test
  void theBytesAreProtocsBytes() {
    for (int lines : new int[] {0, 1, 5, 40}) {
      Order o = order(lines);
      assertArrayEquals(proto(o).toByteArray(), Codecs.encode(ORDER, o), lines + " lines");
    }
  }

  @Test
  void eachSideDecodesTheOther() throws Exception {
    Order o = order(5);
    assertEquals(proto(o), POrder.parseFrom(Codecs.encode(ORDER, o)));
    assertEquals(o, Codecs.decode(ORDER, proto(o).toByteArray()));
    Order empty = new Order("", 0, List.of(), 0, false, List.of(), Map.of(), List.of(), null);
    assertEquals(0, Codecs.encode(ORDER, empty).length);
    assertEquals(empty, Codecs.decode(ORDER, new byte[0]));
  }

  @Test
  void unpackedScalarsAreReadLikePackedOnes() {
    // Field 6 as three unpacked varints (what proto2 writers send): 30 01, 30 02, 30 03.
    byte[] unpacked = {0x30, 1, 0x30, 2, 0x30, 3};
    assertEquals(List.of(1, 2, 3), Codecs.decode(ORDER, unpacked).codes());
    // Packed and unpacked runs of one field concatenate.
    byte[] mixed = {0x32, 2, 4, 5, 0x30, 6};
    assertEquals(List.of(4, 5, 6), Codecs.decode(ORDER, mixed).codes());
  }

  @Test
  void aPackedRunThatOverrunsItsLengthIsRefused() {
    // Claims 2 bytes of packed varints, but the second varint continues past them.
    byte[] overrun = {0x32, 2, 1, (byte) 0x80, 1};
    org.junit.jupiter.api.Assertions.assertThrows(
        CodecException.class, () -> Codecs.decode(ORDER, overrun));
  }
}
