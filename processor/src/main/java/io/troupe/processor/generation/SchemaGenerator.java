package io.troupe.processor.generation;

import io.troupe.processor.Names;
import io.troupe.processor.model.CodecShape;
import io.troupe.processor.model.Component;
import io.troupe.processor.model.EnumConstantVariant;
import io.troupe.processor.model.MessageInterface;
import io.troupe.processor.model.MessageKind;
import io.troupe.processor.model.RecordVariant;
import io.troupe.processor.model.Variant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the proto3 schema of a {@code @ClusterMessage} interface: the bytes its generated codec
 * writes, described so that protoc's code in any language reads and writes them. One message per
 * variant's arguments, one per call's answer ({@code <Variant>Reply}, field 1), one per record met
 * on the way, wrappers for collections nested in collections, and {@code Envelope}, which reads the
 * cluster's cast and call frames. Pure: reads only the model.
 *
 * <p>The mapping follows the codecs (docs/codecs.md): enums travel as their constant's name ({@code
 * string}), UUIDs as 16 bytes, {@code Instant}/{@code Duration} as protobuf's {@code
 * Timestamp}/{@code Duration}, protobuf messages and user codecs as {@code bytes}; {@code
 * Optional<scalar>} is a proto3 {@code optional} field; a map whose key protobuf cannot use as a
 * map key is a repeated entry message, which is the same bytes.
 */
public final class SchemaGenerator {

  /** A schema file: its path in the class output, and its text. */
  public record Schema(String path, String text) {}

  /** True for {@code @ClusterMessage} interfaces that get a codec. */
  public boolean appliesTo(MessageInterface model) {
    return model.kind() == MessageKind.CLUSTER && model.typeVariables().isEmpty();
  }

  /**
   * Where the schema of {@code model} goes: {@code META-INF/troupe/proto/<package
   * path>/<Name>.proto}.
   */
  public static String path(MessageInterface model) {
    String pkg = model.name().packageName();
    return "META-INF/troupe/proto/"
        + (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/")
        + model.name().simpleName()
        + ".proto";
  }

  /** The proto package: the Java package, then the interface's name in snake case. */
  public static String protoPackage(MessageInterface model) {
    String pkg = model.name().packageName();
    String own = snake(model.name().simpleName());
    return pkg.isEmpty() ? own : pkg + "." + own;
  }

  public Schema generate(MessageInterface model) {
    return new Schema(path(model), new Writer(model).write());
  }

  /** Collects the messages of one file; names are given out once, variants first. */
  private static final class Writer {
    private final MessageInterface model;
    private final Map<String, String> bodies = new LinkedHashMap<>();
    private final Map<Object, String> names = new LinkedHashMap<>();
    private final Set<String> taken = new HashSet<>();
    private boolean usesTimestamp;
    private boolean usesDuration;

    Writer(MessageInterface model) {
      this.model = model;
      taken.add("Envelope");
      for (Variant v : model.variants()) {
        if (v instanceof RecordVariant r) {
          taken.add(r.type().simpleName());
          if (r.isCall()) {
            taken.add(r.type().simpleName() + "Reply");
          }
        }
      }
    }

    String write() {
      List<RecordVariant> records = new ArrayList<>();
      List<EnumConstantVariant> constants = new ArrayList<>();
      for (Variant v : model.variants()) {
        if (v instanceof RecordVariant r) {
          records.add(r);
        } else if (v instanceof EnumConstantVariant c) {
          constants.add(c);
        }
      }
      // Variants first in the file, then what they use, in the order met.
      for (RecordVariant r : records) {
        bodies.put(r.type().simpleName(), "");
        if (r.isCall()) {
          bodies.put(r.type().simpleName() + "Reply", "");
        }
      }
      StringBuilder variants = new StringBuilder();
      for (RecordVariant r : records) {
        String name = r.type().simpleName();
        StringBuilder body = new StringBuilder();
        for (Component c : r.arguments()) {
          body.append(field(c.codec(), snake(c.name()), c.tag()));
        }
        bodies.put(
            name,
            "// The arguments of "
                + canonical(r)
                + (r.isCall() ? "; the answer is " + name + "Reply." : ".")
                + "\n"
                + message(name, body));
        if (r.isCall()) {
          Component port = r.replyPort();
          bodies.put(
              name + "Reply",
              "// The answer to "
                  + name
                  + " (field 1; absent for the type's default or null).\n"
                  + message(
                      name + "Reply", new StringBuilder(field(port.replyCodec(), "value", 1))));
        }
        variants
            .append("//   \"")
            .append(name)
            .append("\" -> ")
            .append(name)
            .append(r.isCall() ? " (a call: answered with " + name + "Reply)" : "")
            .append('\n');
      }
      for (EnumConstantVariant c : constants) {
        variants
            .append("//   \"")
            .append(c.enumType().simpleName())
            .append('.')
            .append(c.constant())
            .append("\" -> no arguments (empty bytes)\n");
      }
      StringBuilder out = new StringBuilder();
      out.append("// Generated by the Troupe annotation processor from ")
          .append(model.name().canonicalName())
          .append(": change that\n")
          .append("// interface, not this file. The bytes of ")
          .append(Names.codec(model.name().simpleName()))
          .append(", in proto3 (see docs/codegen.md, \"Schema export\").\n")
          .append("syntax = \"proto3\";\n\n")
          .append("package ")
          .append(protoPackage(model))
          .append(";\n\n");
      if (usesDuration) {
        out.append("import \"google/protobuf/duration.proto\";\n");
      }
      if (usesTimestamp) {
        out.append("import \"google/protobuf/timestamp.proto\";\n");
      }
      if (usesDuration || usesTimestamp) {
        out.append('\n');
      }
      out.append("option java_multiple_files = true;\n")
          .append("option java_outer_classname = \"")
          .append(model.name().simpleName())
          .append("Proto\";\n\n")
          .append(
              "// A message on the wire: the cluster's cast and call frames (troupe.cluster.ActorCast and\n")
          .append(
              "// ActorCall) carry the variant's name in field 2 and its arguments in field 3, so this message\n")
          .append("// reads either frame. The names, and the message each one's args hold:\n")
          .append(variants)
          .append("message Envelope {\n  string variant = 2;\n  bytes args = 3;\n}\n");
      for (String body : bodies.values()) {
        out.append('\n').append(body);
      }
      return out.toString();
    }

    private static String message(String name, CharSequence body) {
      return "message " + name + " {\n" + body + "}\n";
    }

    /** One field declaration, indented, for a component (or a reply) of this shape. */
    private String field(CodecShape shape, String name, int number) {
      String declaration =
          switch (shape) {
            case CodecShape.ListOf l -> "repeated " + element(l.element());
            case CodecShape.SetOf s -> "repeated " + element(s.element());
            case CodecShape.MapOf m -> map(m);
            case CodecShape.OptionalOf o -> optional(o.element());
            default -> scalar(shape);
          };
      return "  " + declaration + " " + name + " = " + number + ";" + comment(shape) + "\n";
    }

    private String optional(CodecShape inner) {
      return switch (inner) {
        case CodecShape.OptionalOf o -> optional(o.element()); // the same bytes as one Optional
        case CodecShape.ListOf l -> wrapper(inner);
        case CodecShape.SetOf s -> wrapper(inner);
        case CodecShape.MapOf m -> wrapper(inner);
        case CodecShape.RecordOf r -> scalar(inner); // a message field has presence already
        case CodecShape.RefOf r -> scalar(inner);
        default -> {
          String type = scalar(inner);
          yield type.startsWith("google.") ? type : "optional " + type;
        }
      };
    }

    /** The type of a repeated element or a map value: collections inside are wrapped. */
    private String element(CodecShape shape) {
      return switch (shape) {
        case CodecShape.ListOf l -> wrapper(shape);
        case CodecShape.SetOf s -> wrapper(shape);
        case CodecShape.MapOf m -> wrapper(shape);
        case CodecShape.OptionalOf o -> element(o.element());
        default -> scalar(shape);
      };
    }

    private String map(CodecShape.MapOf m) {
      String key = validMapKey(m.key()) ? scalar(m.key()) : null;
      if (key != null) {
        return "map<" + key + ", " + element(m.value()) + ">";
      }
      // Not a protobuf map key: the entries as messages, which are the same bytes.
      String entry = name(List.of("entry", m), label(m) + "Entry");
      if (!bodies.containsKey(entry)) {
        bodies.put(entry, "");
        bodies.put(
            entry,
            message(
                entry,
                "  " + element(m.key()) + " key = 1;\n  " + element(m.value()) + " value = 2;\n"));
      }
      return "repeated " + entry;
    }

    private static boolean validMapKey(CodecShape key) {
      return switch (key) {
        case CodecShape.Builtin b ->
            switch (b.constant()) {
              case "INT", "SHORT", "BYTE", "LONG", "CHAR", "BOOLEAN", "STRING" -> true;
              default -> false;
            };
        case CodecShape.EnumOf e -> true;
        default -> false;
      };
    }

    /** A message whose field 1 holds a collection that is not directly a field. */
    private String wrapper(CodecShape collection) {
      String name = name(collection, label(collection));
      if (!bodies.containsKey(name)) {
        bodies.put(name, ""); // reserve the slot first, so nested wrappers come after
        String field =
            field(collection, collection instanceof CodecShape.MapOf ? "entries" : "values", 1);
        bodies.put(name, message(name, field));
      }
      return name;
    }

    /** A field type that is not a collection. */
    private String scalar(CodecShape shape) {
      return switch (shape) {
        case CodecShape.Builtin b ->
            switch (b.constant()) {
              case "INT", "SHORT", "BYTE" -> "int32";
              case "LONG" -> "int64";
              case "CHAR" -> "uint32";
              case "BOOLEAN" -> "bool";
              case "DOUBLE" -> "double";
              case "FLOAT" -> "float";
              case "STRING" -> "string";
              case "BYTES", "UUID_CODEC" -> "bytes";
              case "INSTANT" -> {
                usesTimestamp = true;
                yield "google.protobuf.Timestamp";
              }
              case "DURATION" -> {
                usesDuration = true;
                yield "google.protobuf.Duration";
              }
              default ->
                  throw new IllegalStateException(
                      "a built-in codec without a protobuf type: " + b.constant());
            };
        case CodecShape.EnumOf e -> "string";
        case CodecShape.ProtobufOf p -> "bytes";
        case CodecShape.UserCodec u -> "bytes";
        case CodecShape.RefOf ref -> actorRef();
        case CodecShape.RecordOf r -> record(r);
        case CodecShape.ListOf l -> wrapper(shape);
        case CodecShape.SetOf s -> wrapper(shape);
        case CodecShape.MapOf m -> wrapper(shape);
        case CodecShape.OptionalOf o -> scalar(o.element());
        case CodecShape.Unsupported u ->
            throw new IllegalStateException(
                "validation lets no unsupported shape through: " + u.why());
      };
    }

    /** The message every ref is written as, declared once. */
    private String actorRef() {
      String name = name(CodecShape.RefOf.class, "ActorRef");
      if (!bodies.containsKey(name)) {
        bodies.put(
            name,
            "// A ref to an actor: the id of the node that owns it, its id there, and the binary\n"
                + "// name of its @ClusterMessage interface (see docs/cluster.md, \"Refs in messages\").\n"
                + message(
                    name,
                    "  fixed64 node = 1;\n  uint64 actor = 2;\n  string message_type = 3;\n"));
      }
      return name;
    }

    private String record(CodecShape.RecordOf r) {
      String existing = names.get(r.raw());
      if (existing != null) {
        return existing;
      }
      String name = name(r.raw(), r.raw().simpleName());
      bodies.put(name, "");
      StringBuilder body = new StringBuilder();
      for (CodecShape.Field f : r.fields()) {
        body.append(field(f.shape(), snake(f.name()), f.number()));
      }
      bodies.put(name, "// The record " + r.raw().canonicalName() + ".\n" + message(name, body));
      return name;
    }

    /**
     * The message name for {@code key}: {@code preferred}, or numbered if another message has it.
     */
    private String name(Object key, String preferred) {
      String existing = names.get(key);
      if (existing != null) {
        return existing;
      }
      String name = preferred;
      for (int i = 2; !taken.add(name); i++) {
        name = preferred + i;
      }
      names.put(key, name);
      return name;
    }

    /**
     * A readable name for a shape, for wrapper messages: {@code ListOfInt32}, {@code
     * MapOfStringToItem}.
     */
    private String label(CodecShape shape) {
      return switch (shape) {
        case CodecShape.ListOf l -> "ListOf" + label(l.element());
        case CodecShape.SetOf s -> "SetOf" + label(s.element());
        case CodecShape.MapOf m -> "MapOf" + label(m.key()) + "To" + label(m.value());
        case CodecShape.OptionalOf o -> label(o.element());
        case CodecShape.RecordOf r -> record(r);
        default -> {
          String type = scalar(shape);
          String last = type.substring(type.lastIndexOf('.') + 1);
          yield Character.toUpperCase(last.charAt(0)) + last.substring(1);
        }
      };
    }

    private static String comment(CodecShape shape) {
      return switch (shape) {
        case CodecShape.OptionalOf o -> comment(o.element());
        case CodecShape.ListOf l -> comment(l.element());
        case CodecShape.SetOf s ->
            comment(s.element()).isEmpty()
                ? " // a set: no duplicates"
                : comment(s.element()) + "; a set: no duplicates";
        case CodecShape.EnumOf e -> " // the name of a constant of " + e.type().canonicalName();
        case CodecShape.ProtobufOf p -> " // a serialized " + p.type().canonicalName();
        case CodecShape.UserCodec u -> " // the bytes of " + u.codec().canonicalName();
        case CodecShape.RefOf r -> " // a ref of " + r.messageType().canonicalName();
        case CodecShape.Builtin b when b.constant().equals("UUID_CODEC") ->
            " // a UUID: 16 bytes, big-endian";
        case CodecShape.Builtin b when b.constant().equals("SHORT") -> " // a Java short";
        case CodecShape.Builtin b when b.constant().equals("BYTE") -> " // a Java byte";
        case CodecShape.Builtin b when b.constant().equals("CHAR") ->
            " // a Java char (UTF-16 code unit)";
        default -> "";
      };
    }

    private static String canonical(RecordVariant r) {
      return r.type().canonicalName();
    }
  }

  /**
   * {@code ShopMsg -> shop_msg}, {@code priceCents -> price_cents}, {@code URLFetch -> url_fetch}.
   */
  static String snake(String name) {
    return name.replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .toLowerCase(Locale.ROOT);
  }
}
