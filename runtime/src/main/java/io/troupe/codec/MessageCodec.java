package io.troupe.codec;

import io.troupe.rpc.RpcReplyPort;

/**
 * Encodes the variants of one {@code @ClusterMessage} interface for the network: a variant name
 * plus its arguments in the protobuf wire format (the reply port is not encoded), and for call
 * variants the reply value separately.
 *
 * @param <M> the message interface
 */
public interface MessageCodec<M> {
  /**
   * The message interface this codec encodes.
   *
   * @return the interface's class
   */
  Class<M> messageType();

  /**
   * The stable variant name, e.g. {@code "Increment"}.
   *
   * @param message a message of the interface, not null
   * @return the variant's name
   */
  String variant(M message);

  /**
   * True if the variant carries an {@link RpcReplyPort}.
   *
   * @param variant a variant name
   * @return whether that variant is a call
   */
  boolean isCall(String variant);

  /**
   * The message's arguments (the reply port excluded).
   *
   * @param message a message of the interface, not null
   * @return the encoded arguments
   * @throws CodecException if an argument cannot be encoded
   */
  byte[] encodeArgs(M message);

  /**
   * Rebuilds a message.
   *
   * @param replyPort the port to put in a call variant; null for casts
   * @param variant the variant name that came with the bytes
   * @param args the encoded arguments
   * @return the message
   * @throws CodecException on an unknown variant or bad bytes
   */
  M decode(String variant, byte[] args, RpcReplyPort<?> replyPort);

  /**
   * Encodes the answer to a call of {@code variant}.
   *
   * @param variant the call variant's name
   * @param reply the answer, of the variant's reply type
   * @return the encoded answer
   * @throws CodecException on an unknown variant or an answer that cannot be encoded
   */
  byte[] encodeReply(String variant, Object reply);

  /**
   * Decodes the answer to a call of {@code variant}.
   *
   * @param variant the call variant's name
   * @param bytes the encoded answer
   * @return the answer, of the variant's reply type
   * @throws CodecException on an unknown variant or bad bytes
   */
  Object decodeReply(String variant, byte[] bytes);

  /**
   * Finds the codec generated for {@code type}: the class named like the interface's binary name
   * followed by {@code Codec} (for a nested interface {@code Outer$Msg}: {@code Outer$MsgCodec}),
   * or {@code <package>.<SimpleName>Codec} (what the processor writes), loaded with the interface's
   * class loader and made with its no-argument constructor. In a named module the package must be
   * open to {@code io.troupe.runtime} ({@code opens my.pkg to io.troupe.runtime;}).
   *
   * @param <M> the message interface
   * @param type the message interface's class
   * @return a new instance of the generated codec
   * @throws IllegalArgumentException if there is none
   */
  @SuppressWarnings("unchecked")
  static <M> MessageCodec<M> forType(Class<M> type) {
    ClassLoader loader = type.getClassLoader();
    String packagePrefix = type.getPackageName().isEmpty() ? "" : type.getPackageName() + ".";
    for (String name : new String[] {type.getName() + "Codec", packagePrefix + type.getSimpleName() + "Codec"}) {
      try {
        Class<?> codec = Class.forName(name, true, loader);
        if (MessageCodec.class.isAssignableFrom(codec)) {
          var constructor = codec.getDeclaredConstructor();
          // The codec is as visible as its interface, which may be package-private.
          constructor.setAccessible(true);
          return (MessageCodec<M>) constructor.newInstance();
        }
      } catch (ClassNotFoundException notThisName) {
        // try the next naming
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalArgumentException("the codec " + name + " for " + type.getName() + " cannot be created: " + e, e);
      }
    }
    throw new IllegalArgumentException(
        "no codec for " + type.getName() + ": annotate it with @ClusterMessage so the processor writes " + type.getSimpleName() + "Codec");
  }
}
