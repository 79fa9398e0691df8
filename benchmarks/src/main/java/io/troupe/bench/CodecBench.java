package io.troupe.bench;

import io.troupe.annotation.ClusterMessage;
import io.troupe.bench.proto.Line;
import io.troupe.bench.proto.Order;
import io.troupe.codec.Codecs;
import io.troupe.codec.MessageCodec;
import io.troupe.codec.RecordCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding one representative message (an order of 5 lines: strings, varints, a
 * double, a bool, a repeated nested message) five ways: the codec Troupe's processor generates for
 * a {@code @ClusterMessage} variant with that schema, Troupe's hand-built {@code RecordCodec},
 * protoc-generated protobuf-java code for the same schema ({@code bench_order.proto}) — from a
 * message built once (its sizes memoized) and built from the record each time, as a user holding
 * records would — and Java serialization of the same records. All but Java serialization produce
 * the same bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBench {

  /** One order line. */
  public record LineRec(String sku, int quantity, long priceCents) implements Serializable {}

  /** The order. */
  public record OrderRec(
      String id, long customer, List<LineRec> lines, double total, boolean express)
      implements Serializable {}

  /** The same order as a cluster message, whose codec the processor generates. */
  @ClusterMessage
  public sealed interface OrderMsg {
    /** Places an order. */
    record Place(String id, long customer, List<LineRec> lines, double total, boolean express)
        implements OrderMsg {}
  }

  static final MessageCodec<OrderMsg> GENERATED = MessageCodec.forType(OrderMsg.class);

  static final RecordCodec<LineRec> LINE =
      RecordCodec.<LineRec>builder(v -> new LineRec((String) v[0], (Integer) v[1], (Long) v[2]))
          .field(1, Codecs.STRING, LineRec::sku)
          .field(2, Codecs.INT, LineRec::quantity)
          .field(3, Codecs.LONG, LineRec::priceCents)
          .build();

  @SuppressWarnings("unchecked")
  static final RecordCodec<OrderRec> ORDER =
      RecordCodec.<OrderRec>builder(
              v ->
                  new OrderRec(
                      (String) v[0],
                      (Long) v[1],
                      (List<LineRec>) v[2],
                      (Double) v[3],
                      (Boolean) v[4]))
          .field(1, Codecs.STRING, OrderRec::id)
          .field(2, Codecs.LONG, OrderRec::customer)
          .field(3, Codecs.list(LINE), OrderRec::lines)
          .field(4, Codecs.DOUBLE, OrderRec::total)
          .field(5, Codecs.BOOLEAN, OrderRec::express)
          .build();

  OrderRec record;
  OrderMsg.Place message;
  Order proto;
  byte[] troupeBytes;
  byte[] protoBytes;
  byte[] javaBytes;

  @Setup
  public void setup() throws IOException {
    List<LineRec> lines = new ArrayList<>();
    Order.Builder builder =
        Order.newBuilder()
            .setId("order-20261124-0001")
            .setCustomer(123_456_789L)
            .setTotal(1234.5)
            .setExpress(true);
    for (int i = 0; i < 5; i++) {
      LineRec line = new LineRec("SKU-" + (1000 + i), i + 1, 1999L * (i + 1));
      lines.add(line);
      builder.addLines(
          Line.newBuilder()
              .setSku(line.sku())
              .setQuantity(line.quantity())
              .setPriceCents(line.priceCents()));
    }
    record = new OrderRec("order-20261124-0001", 123_456_789L, List.copyOf(lines), 1234.5, true);
    proto = builder.build();
    message =
        new OrderMsg.Place(
            record.id(), record.customer(), record.lines(), record.total(), record.express());
    troupeBytes = troupeEncode();
    protoBytes = protobufEncode();
    javaBytes = javaEncode();
  }

  @Benchmark
  public byte[] troupeEncode() {
    return GENERATED.encodeArgs(message);
  }

  /**
   * Makes the message from the field values, then encodes it: the like-for-like of {@link
   * #protobufBuildAndEncode}.
   */
  @Benchmark
  public byte[] troupeBuildAndEncode() {
    List<LineRec> lines = new ArrayList<>(record.lines().size());
    for (LineRec line : record.lines()) {
      lines.add(new LineRec(line.sku(), line.quantity(), line.priceCents()));
    }
    return GENERATED.encodeArgs(
        new OrderMsg.Place(
            record.id(), record.customer(), lines, record.total(), record.express()));
  }

  @Benchmark
  public OrderMsg troupeDecode() {
    return GENERATED.decode("Place", troupeBytes, null);
  }

  @Benchmark
  public byte[] recordCodecEncode() {
    return Codecs.encode(ORDER, record);
  }

  @Benchmark
  public OrderRec recordCodecDecode() {
    return Codecs.decode(ORDER, troupeBytes);
  }

  @Benchmark
  public byte[] protobufBuildAndEncode() {
    Order.Builder builder =
        Order.newBuilder()
            .setId(record.id())
            .setCustomer(record.customer())
            .setTotal(record.total())
            .setExpress(record.express());
    for (LineRec line : record.lines()) {
      builder.addLines(
          Line.newBuilder()
              .setSku(line.sku())
              .setQuantity(line.quantity())
              .setPriceCents(line.priceCents()));
    }
    return builder.build().toByteArray();
  }

  @Benchmark
  public byte[] protobufEncode() {
    return proto.toByteArray();
  }

  @Benchmark
  public Order protobufDecode() throws IOException {
    return Order.parseFrom(protoBytes);
  }

  @Benchmark
  public byte[] javaEncode() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(record);
    }
    return bytes.toByteArray();
  }

  @Benchmark
  public Object javaDecode() throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(javaBytes))) {
      return in.readObject();
    }
  }
}
