package io.troupe.generated;

import io.troupe.codec.MessageCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For generated code only: the codecs the processor wrote, registered by their own static
 * initialisers. {@link MessageCodec#forType} initialises the codec class it finds by name (which
 * needs no access to the class, so no package is opened to the runtime) and takes the instance
 * registered here: no reflection, no {@code setAccessible}, on the class path and the module path.
 */
public final class GeneratedCodecs {
  private GeneratedCodecs() {}

  private static final Map<Class<?>, MessageCodec<?>> CODECS = new ConcurrentHashMap<>();

  /**
   * Registers the codec of {@code type}; what a generated codec's static initialiser calls. The
   * first registration of a type wins.
   *
   * @param <M> the message interface
   * @param type the message interface
   * @param codec its codec
   * @throws IllegalArgumentException if {@code codec} is not the codec of {@code type}
   */
  public static <M> void register(Class<M> type, MessageCodec<M> codec) {
    if (codec.messageType() != type) {
      throw new IllegalArgumentException(
          codec.getClass().getName()
              + " encodes "
              + codec.messageType().getName()
              + ", not "
              + type.getName());
    }
    CODECS.putIfAbsent(type, codec);
  }

  /**
   * The codec registered for {@code type}.
   *
   * @param <M> the message interface
   * @param type the message interface
   * @return its codec, or null if none registered (yet)
   */
  @SuppressWarnings("unchecked")
  public static <M> MessageCodec<M> registered(Class<M> type) {
    return (MessageCodec<M>) CODECS.get(type);
  }
}
