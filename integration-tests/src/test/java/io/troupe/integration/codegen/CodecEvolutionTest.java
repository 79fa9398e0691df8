package io.troupe.integration.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.codec.CodecException;
import io.troupe.codec.MessageCodec;
import io.troupe.rpc.RpcReplyPort;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two versions of one message interface, as two services deployed at different times would have
 * them: what the old one writes the new one reads (added components take their defaults), and what
 * the new one writes the old one reads (unknown fields skipped); a variant only the new one knows
 * is a {@link CodecException} on the old side.
 */
class CodecEvolutionTest {

  private final MessageCodec<io.troupe.integration.codegen.v1.OrderMsg> v1 =
      MessageCodec.forType(io.troupe.integration.codegen.v1.OrderMsg.class);
  private final MessageCodec<io.troupe.integration.codegen.v2.OrderMsg> v2 =
      MessageCodec.forType(io.troupe.integration.codegen.v2.OrderMsg.class);

  @Test
  void oldBytesDecodeWithTheNewVersionGivingDefaults() {
    io.troupe.integration.codegen.v1.OrderMsg.Place old =
        new io.troupe.integration.codegen.v1.OrderMsg.Place(
            "o-1",
            List.of(
                new io.troupe.integration.codegen.v1.OrderMsg.Item("a", 2),
                new io.troupe.integration.codegen.v1.OrderMsg.Item("b", 0)));
    io.troupe.integration.codegen.v2.OrderMsg decoded =
        v2.decode("Place", v1.encodeArgs(old), null);
    assertEquals(
        new io.troupe.integration.codegen.v2.OrderMsg.Place(
            "o-1",
            List.of(
                new io.troupe.integration.codegen.v2.OrderMsg.Item("a", 2, Optional.empty(), 0),
                new io.troupe.integration.codegen.v2.OrderMsg.Item("b", 0, Optional.empty(), 0)),
            Map.of(),
            null,
            false),
        decoded);
  }

  @Test
  void newBytesDecodeWithTheOldVersionSkippingWhatItDoesNotKnow() {
    io.troupe.integration.codegen.v2.OrderMsg.Place fresh =
        new io.troupe.integration.codegen.v2.OrderMsg.Place(
            "o-2",
            List.of(
                new io.troupe.integration.codegen.v2.OrderMsg.Item(
                    "c", 5, Optional.of("gift"), 1999)),
            Map.of("src", "web"),
            Instant.ofEpochSecond(1_800_000_000),
            true);
    assertEquals(
        new io.troupe.integration.codegen.v1.OrderMsg.Place(
            "o-2", List.of(new io.troupe.integration.codegen.v1.OrderMsg.Item("c", 5))),
        v1.decode("Place", v2.encodeArgs(fresh), null));
  }

  @Test
  void callVariantsEvolveTooAndTheirRepliesStayCompatible() {
    RpcReplyPort<String> port = new RpcReplyPort<>();
    io.troupe.integration.codegen.v2.OrderMsg.Status newer =
        new io.troupe.integration.codegen.v2.OrderMsg.Status("o-3", new RpcReplyPort<>(), 2);
    io.troupe.integration.codegen.v1.OrderMsg.Status older =
        (io.troupe.integration.codegen.v1.OrderMsg.Status)
            v1.decode("Status", v2.encodeArgs(newer), port);
    assertEquals("o-3", older.id());
    assertEquals(port, older.reply());
    assertEquals("shipped", v2.decodeReply("Status", v1.encodeReply("Status", "shipped")));
    io.troupe.integration.codegen.v2.OrderMsg.Status upgraded =
        (io.troupe.integration.codegen.v2.OrderMsg.Status)
            v2.decode("Status", v1.encodeArgs(older), port);
    assertEquals(0, upgraded.detail());
  }

  @Test
  void aVariantTheOldVersionDoesNotKnowIsACodecException() {
    byte[] cancel = v2.encodeArgs(new io.troupe.integration.codegen.v2.OrderMsg.Cancel("o-4"));
    CodecException e = assertThrows(CodecException.class, () -> v1.decode("Cancel", cancel, null));
    assertEquals("unknown variant of OrderMsg: Cancel", e.getMessage());
  }
}
