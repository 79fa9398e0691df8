package io.troupe.internal.cluster;

import io.troupe.codec.MessageCodec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a message-type name a peer sent (in a group change, name change or link) into this node's
 * class, only if it is a cluster message type this node has a codec for: an interface next to a
 * class implementing {@link MessageCodec} under the generated codec's name. Nothing is initialised
 * while looking (a peer naming any class must not run its static initialiser); only the codec of an
 * accepted type is created, which initialises that codec. Accepted types are remembered; refused
 * names are not (a peer could make that memory grow without bound).
 */
final class MessageTypeNames {
  private final Map<String, Class<?>> known = new ConcurrentHashMap<>();

  /** The type named {@code name}, or empty if this node has no codec for such a type. */
  Optional<Class<?>> resolve(String name) {
    Class<?> type = known.get(name);
    if (type != null) {
      return Optional.of(type);
    }
    if (name.isEmpty() || name.length() > 1024) {
      return Optional.empty();
    }
    ClassLoader loader = loader();
    try {
      Class<?> candidate = Class.forName(name, false, loader);
      if (!candidate.isInterface() || !hasCodecClass(candidate)) {
        return Optional.empty();
      }
      MessageCodec.forType(candidate); // initialises the codec only: it exists, it is one
      known.putIfAbsent(name, candidate);
      return Optional.of(candidate);
    } catch (ClassNotFoundException | LinkageError | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * True if a codec class for {@code type} exists under one of the generated names, not
   * initialised.
   */
  private static boolean hasCodecClass(Class<?> type) {
    String packagePrefix = type.getPackageName().isEmpty() ? "" : type.getPackageName() + ".";
    for (String codecName :
        new String[] {type.getName() + "Codec", packagePrefix + type.getSimpleName() + "Codec"}) {
      try {
        Class<?> codec = Class.forName(codecName, false, type.getClassLoader());
        if (MessageCodec.class.isAssignableFrom(codec)) {
          return true;
        }
      } catch (ClassNotFoundException | LinkageError notThisName) {
        // try the next naming
      }
    }
    return false;
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ClassLoader.getSystemClassLoader();
  }
}
