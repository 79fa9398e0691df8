package io.troupe.codec;

import io.troupe.generated.GeneratedCodecs;
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
   * class loader and initialised; its static initialiser registers the instance with {@link
   * io.troupe.generated.GeneratedCodecs#register}. No reflection is used on the codec, so on the
   * module path no package has to be opened to {@code io.troupe.runtime}. A codec written by hand
   * registers itself the same way.
   *
   * @param <M> the message interface
   * @param type the message interface
   * @return its codec, the same instance every time
   * @throws IllegalArgumentException if there is none, or its class registers no codec of {@code
   *     type}
   */
  static <M> MessageCodec<M> forType(Class<M> type) {
    MessageCodec<M> known = GeneratedCodecs.registered(type);
    if (known != null) {
      return known;
    }
    ClassLoader loader = type.getClassLoader();
    String packagePrefix = type.getPackageName().isEmpty() ? "" : type.getPackageName() + ".";
    for (String name :
        new String[] {type.getName() + "Codec", packagePrefix + type.getSimpleName() + "Codec"}) {
      Class<?> codec;
      try {
        codec = Class.forName(name, true, loader); // runs the codec's static initialiser
      } catch (ClassNotFoundException notThisName) {
        continue;
      } catch (LinkageError e) {
        throw new IllegalArgumentException(
            "the codec " + name + " for " + type.getName() + " cannot be initialised: " + e, e);
      }
      if (!MessageCodec.class.isAssignableFrom(codec)) {
        continue;
      }
      MessageCodec<M> registered = GeneratedCodecs.registered(type);
      if (registered == null) {
        throw new IllegalArgumentException(
            "the codec "
                + name
                + " for "
                + type.getName()
                + " did not register itself: a codec written by hand calls"
                + " GeneratedCodecs.register("
                + type.getSimpleName()
                + ".class, new "
                + codec.getSimpleName()
                + "()) in its static initialiser; a generated one was written by an older processor, recompile");
      }
      return registered;
    }
    throw new IllegalArgumentException(
        "no codec for "
            + type.getName()
            + ": annotate it with @ClusterMessage so the processor writes "
            + type.getSimpleName()
            + "Codec");
  }

  /**
   * The reply port of a call variant: what a cast of a call variant built by hand is answered
   * through when it goes to a remote actor. Generated codecs read the component directly; this
   * default answers null (no port), which the sender reports as a call variant without a port.
   *
   * @param message a message of a call variant
   * @return its reply port, or null
   */
  default RpcReplyPort<?> replyPort(M message) {
    return null;
  }
}
