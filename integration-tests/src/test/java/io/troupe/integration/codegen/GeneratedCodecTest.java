package io.troupe.integration.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.annotation.ClusterMessage;
import io.troupe.codec.CodecException;
import io.troupe.codec.MessageCodec;
import io.troupe.codec.Tag;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Drives the codec the processor writes for a {@code @ClusterMessage} interface. */
class GeneratedCodecTest {

  /** An item of an order, as a nested record. */
  public record Item(String sku, int quantity) {}

  /** A priority, as an enum. */
  public enum Priority {
    LOW,
    HIGH
  }

  @ClusterMessage
  public sealed interface ShopMsg {
    record Place(
        UUID id, List<Item> items, Optional<Priority> priority, Map<String, Long> tags, Instant at)
        implements ShopMsg {}

    record Total(String customer, RpcReplyPort<Long> reply, @Tag(7) Duration window)
        implements ShopMsg {}

    record Ping() implements ShopMsg {}

    enum Control implements ShopMsg {
      PAUSE,
      RESUME
    }
  }

  private final MessageCodec<ShopMsg> codec = MessageCodec.forType(ShopMsg.class);

  private ShopMsg roundTrip(ShopMsg message, RpcReplyPort<?> port) {
    String variant = codec.variant(message);
    return codec.decode(variant, codec.encodeArgs(message), port);
  }

  @Test
  void theGeneratedCodecIsFoundByType() {
    assertInstanceOf(ShopMsgCodec.class, codec);
    assertEquals(ShopMsg.class, codec.messageType());
  }

  @Test
  void castVariantsRoundTrip() {
    ShopMsg.Place place =
        new ShopMsg.Place(
            UUID.randomUUID(),
            List.of(new Item("a", 2), new Item("b", 1)),
            Optional.of(Priority.HIGH),
            Map.of("src", 7L),
            Instant.ofEpochSecond(1_800_000_000, 5));
    assertEquals("Place", codec.variant(place));
    assertFalse(codec.isCall("Place"));
    assertEquals(place, roundTrip(place, null));
    assertEquals(new ShopMsg.Ping(), roundTrip(new ShopMsg.Ping(), null));
    assertEquals("Control.PAUSE", codec.variant(ShopMsg.Control.PAUSE));
    assertSame(ShopMsg.Control.RESUME, roundTrip(ShopMsg.Control.RESUME, null));
  }

  @Test
  void callVariantsCarryTheNewPortAndTheirAnswerEncodesSeparately() {
    RpcReplyPort<Long> original = new RpcReplyPort<>();
    ShopMsg.Total total = new ShopMsg.Total("ada", original, Duration.ofMinutes(5));
    assertTrue(codec.isCall("Total"));
    RpcReplyPort<Long> remoteSide = new RpcReplyPort<>();
    ShopMsg.Total decoded = (ShopMsg.Total) roundTrip(total, remoteSide);
    assertEquals("ada", decoded.customer());
    assertEquals(Duration.ofMinutes(5), decoded.window());
    assertSame(remoteSide, decoded.reply());
    byte[] answer = codec.encodeReply("Total", 1234L);
    assertEquals(1234L, codec.decodeReply("Total", answer));
    decoded.reply().send(99L);
    assertEquals(new CallResult.Success<>(99L), remoteSide.result().join());
  }

  @Test
  void badInputIsACodecException() {
    assertThrows(CodecException.class, () -> codec.decode("Refund", new byte[0], null));
    assertThrows(
        CodecException.class,
        () -> codec.decode("Total", new byte[0], null)); // a call without a port
    assertThrows(
        CodecException.class, () -> codec.decode("Place", new byte[] {0x12, 0x05, 0x01}, null));
    assertThrows(CodecException.class, () -> codec.decodeReply("Place", new byte[0]));
  }
}
