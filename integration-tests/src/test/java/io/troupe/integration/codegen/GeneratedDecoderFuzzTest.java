package io.troupe.integration.codegen;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.troupe.codec.CodecException;
import io.troupe.codec.MessageCodec;
import io.troupe.rpc.RpcReplyPort;
import java.util.List;

/**
 * Jazzer feeds the generated decoders bytes of its choosing (coverage-guided, a bounded number of
 * runs in the regular test run): every input either decodes or raises {@link CodecException} —
 * never another exception, never a hang, never an allocation larger than the input justifies
 * (Jazzer fails the run on out-of-memory and on slow inputs).
 */
class GeneratedDecoderFuzzTest {
  private static final MessageCodec<CodecShapesTest.Shapes> SHAPES =
      MessageCodec.forType(CodecShapesTest.Shapes.class);
  private static final MessageCodec<GeneratedCodecTest.ShopMsg> SHOP =
      MessageCodec.forType(GeneratedCodecTest.ShopMsg.class);
  private static final List<String> SHAPE_VARIANTS =
      List.of("Primitives", "Boxes", "Values", "Containers", "Nested");
  private static final List<String> SHOP_VARIANTS =
      List.of("Place", "Total", "Ping", "Control.PAUSE", "Nope");

  @FuzzTest(maxExecutions = 30_000)
  void generatedDecodersOnlyEverRaiseCodecException(FuzzedDataProvider data) {
    boolean shapes = data.consumeBoolean();
    String variant = data.pickValue(shapes ? SHAPE_VARIANTS : SHOP_VARIANTS);
    boolean reply = data.consumeBoolean();
    byte[] bytes = data.consumeRemainingAsBytes();
    try {
      if (shapes) {
        SHAPES.decode(variant, bytes, null);
      } else if (reply) {
        SHOP.decodeReply(variant, bytes);
      } else {
        SHOP.decode(variant, bytes, new RpcReplyPort<>());
      }
    } catch (CodecException expected) {
      // the one failure a decoder may report
    }
  }
}
