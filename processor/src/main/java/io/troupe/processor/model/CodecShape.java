package io.troupe.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * How a component (or a reply) is encoded under {@code @ClusterMessage}: which runtime codec the
 * generated {@code XCodec} uses for it. {@link Unsupported} carries why there is none; validation
 * reports it on the component.
 */
public sealed interface CodecShape {

  /** A constant of {@code io.troupe.codec.Codecs}, e.g. {@code INT}, {@code STRING}. */
  record Builtin(String constant) implements CodecShape {}

  /** An enum, by constant name. */
  record EnumOf(ClassName type) implements CodecShape {}

  /** A protobuf message, through its static {@code parser()}. */
  record ProtobufOf(ClassName type) implements CodecShape {}

  /** A user {@code BytesCodec} bound with {@code @WithCodec}. */
  record UserCodec(ClassName codec) implements CodecShape {}

  /** {@code List<T>}. */
  record ListOf(CodecShape element) implements CodecShape {}

  /** {@code Set<T>}. */
  record SetOf(CodecShape element) implements CodecShape {}

  /** {@code Optional<T>}. */
  record OptionalOf(CodecShape element) implements CodecShape {}

  /** {@code Map<K, V>}. */
  record MapOf(CodecShape key, CodecShape value) implements CodecShape {}

  /**
   * A record, as a nested message.
   *
   * @param type the record type as written (with type arguments, if any)
   * @param raw the record class
   * @param fields its components, each with a field number
   */
  record RecordOf(TypeName type, ClassName raw, List<Field> fields) implements CodecShape {
    public RecordOf {
      fields = List.copyOf(fields);
    }
  }

  /**
   * One component of a record shape.
   *
   * @param name the component's accessor
   * @param type the component's type (for the cast in the generated constructor call)
   * @param number its protobuf field number
   * @param shape how it is encoded
   */
  record Field(String name, TypeName type, int number, CodecShape shape) {}

  /**
   * A ref to an actor of a {@code @ClusterMessage} interface: {@code ActorRef<X>}, or X's facade.
   *
   * @param messageType the interface X
   * @param facade the facade class, or null for {@code ActorRef<X>}
   */
  record RefOf(ClassName messageType, ClassName facade) implements CodecShape {}

  /** No codec: {@code why} says what the type is and what to do. */
  record Unsupported(String why) implements CodecShape {}

  /** The first unsupported shape in this tree, or null. */
  default Unsupported firstUnsupported() {
    return switch (this) {
      case Unsupported u -> u;
      case ListOf l -> l.element().firstUnsupported();
      case SetOf s -> s.element().firstUnsupported();
      case OptionalOf o -> o.element().firstUnsupported();
      case MapOf m ->
          m.key().firstUnsupported() != null
              ? m.key().firstUnsupported()
              : m.value().firstUnsupported();
      case RecordOf r ->
          r.fields().stream()
              .map(f -> f.shape().firstUnsupported())
              .filter(x -> x != null)
              .findFirst()
              .orElse(null);
      default -> null;
    };
  }
}
