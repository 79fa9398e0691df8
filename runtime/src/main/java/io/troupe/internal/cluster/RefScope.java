package io.troupe.internal.cluster;

import io.troupe.ActorRef;
import io.troupe.codec.CodecException;

/**
 * Where the refs inside a message are translated: the remote-actor layer sets a translator on the
 * thread that encodes a message for one session (exporting the refs it meets to that peer) or
 * decodes a message from one (resolving them to proxies or local actors); the ref codecs of {@code
 * io.troupe.codec.RefCodecs} call it. Outside such a scope a ref cannot be encoded or decoded: a
 * ref means something only between two connected nodes.
 */
public final class RefScope {
  private RefScope() {}

  /** Translates refs for one message of one session. */
  interface Translator {
    /**
     * Checks that {@code ref} may be sent as a ref of {@code type} and exports it to the session's
     * peer if it is an actor of this node.
     *
     * @throws CodecException if it may not
     */
    void export(ActorRef<?> ref, Class<?> type);

    /**
     * The ref the peer sent: a proxy, or this node's own actor when the ref comes home.
     *
     * @throws CodecException if the peer may not name that actor, or the type is not {@code type}
     */
    ActorRef<?> resolve(long node, long local, String typeName, Class<?> type);
  }

  private static final ThreadLocal<Translator> CURRENT = new ThreadLocal<>();

  /** Runs {@code body} with {@code translator} set on this thread. */
  static <T> T with(Translator translator, java.util.function.Supplier<T> body) {
    Translator previous = CURRENT.get();
    CURRENT.set(translator);
    try {
      return body.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /**
   * Checks and exports a ref being encoded on this thread.
   *
   * @param ref the ref, not null
   * @param type the message type the ref is declared with
   * @throws CodecException outside a message to another node, or if the ref cannot be sent
   */
  public static void export(ActorRef<?> ref, Class<?> type) {
    current("encoded").export(ref, type);
  }

  /**
   * Resolves a ref being decoded on this thread.
   *
   * @param node the owning node's id
   * @param local the actor's id on that node
   * @param typeName the message type's binary name as sent
   * @param type the message type the ref is declared with here
   * @return the ref
   * @throws CodecException outside a message from another node, or if the ref is refused
   */
  public static ActorRef<?> resolve(long node, long local, String typeName, Class<?> type) {
    return current("decoded").resolve(node, local, typeName, type);
  }

  private static Translator current(String what) {
    Translator translator = CURRENT.get();
    if (translator == null) {
      throw new CodecException(
          "an ActorRef is "
              + what
              + " only inside a message between two connected nodes (a cast, call or answer of a"
              + " remote actor); it means nothing elsewhere");
    }
    return translator;
  }
}
