package io.troupe.codec;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and mutated bytes fed to decoders: only {@link CodecException} may come out. */
class CodecFuzzTest {
  private static final List<BytesCodec<?>> DECODERS =
      List.of(
          CodecTest.SHAPE,
          CodecTest.POINT,
          CodecTest.V2,
          CodecTest.NODE,
          Codecs.map(Codecs.STRING, Codecs.list(Codecs.UUID_CODEC)),
          Codecs.set(Codecs.DURATION),
          Codecs.INSTANT,
          Codecs.enumOf(CodecTest.Color.class));

  @Test
  void randomBytesOnlyEverRaiseCodecException() {
    Random random = new Random(20261124);
    byte[] seed =
        Codecs.encode(
            CodecTest.SHAPE,
            new CodecTest.Shape(
                "seed",
                List.of(new CodecTest.Point(1, 2)),
                java.util.Optional.of(CodecTest.Color.RED),
                java.util.Map.of("k", 9L),
                java.time.Instant.ofEpochSecond(5)));
    for (int i = 0; i < 20_000; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = new byte[random.nextInt(64)];
        random.nextBytes(input);
      } else {
        input = seed.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          input[random.nextInt(input.length)] = (byte) random.nextInt(256);
        }
      }
      for (BytesCodec<?> codec : DECODERS) {
        try {
          Codecs.decode(codec, input);
        } catch (CodecException expected) {
          // the only allowed failure
        } catch (Throwable t) {
          fail(
              "decoder "
                  + codec
                  + " threw "
                  + t
                  + " on "
                  + java.util.HexFormat.of().formatHex(input),
              t);
        }
      }
    }
  }
}
