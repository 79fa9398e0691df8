package io.troupe.processor.generation;

import static io.troupe.processor.generation.RuntimeTypes.BYTES_CODEC;
import static io.troupe.processor.generation.RuntimeTypes.CODECS;
import static io.troupe.processor.generation.RuntimeTypes.FIELDS;
import static io.troupe.processor.generation.RuntimeTypes.REF_CODECS;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.troupe.processor.model.CodecShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes straight-line {@code BytesCodec} classes for records: a {@code sizeOf} that adds up the
 * fields, a {@code write} that writes them, and a {@code read} that switches on the tag into typed
 * locals and calls the constructor — no reflection, no {@code Object[]}, no boxing of primitive and
 * string components. Other component types go through the runtime's {@code Fields} helpers with a
 * codec constant each. The bytes are exactly those of {@code RecordCodec} (and of protoc's code for
 * the same schema).
 *
 * <p>One instance collects the codec classes and constants of one generated {@code XCodec}; record
 * shapes met more than once share one class.
 */
final class StraightLineCodecs {

  /**
   * One field of a record as the writer sees it.
   *
   * @param accessor the record's accessor, or null when the field holds the encoded value itself (a
   *     reply, written as a message whose field 1 is the answer)
   */
  record Field(String accessor, TypeName type, int number, CodecShape shape) {
    CodeBlock read() {
      return accessor == null ? CodeBlock.of("v") : CodeBlock.of("v.$L()", accessor);
    }

    String name() {
      return accessor == null ? "value" : accessor;
    }
  }

  private static final ClassName CODED_OUTPUT =
      ClassName.get("com.google.protobuf", "CodedOutputStream");
  private static final ClassName CODED_INPUT =
      ClassName.get("com.google.protobuf", "CodedInputStream");
  private static final ClassName IO_EXCEPTION = ClassName.get("java.io", "IOException");
  private static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
  private static final ClassName LINKED_HASH_MAP = ClassName.get("java.util", "LinkedHashMap");

  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private final ClassName outer;
  private final Map<ClassName, String> recordClasses = new LinkedHashMap<>();
  private final java.util.Set<String> classNames = new java.util.HashSet<>();
  private final List<TypeSpec> classes = new ArrayList<>();
  private final List<FieldSpec> singletons = new ArrayList<>();
  private final List<FieldSpec> constants = new ArrayList<>();

  StraightLineCodecs(ClassName outer) {
    this.outer = outer;
  }

  /** The nested classes written so far. */
  List<TypeSpec> classes() {
    return classes;
  }

  /** The static fields, in an order where each initializer only uses fields declared before it. */
  List<FieldSpec> fields() {
    List<FieldSpec> all = new ArrayList<>(singletons);
    all.addAll(constants);
    return all;
  }

  /** A constant holding the codec of {@code shape}, named {@code name}; returns its name. */
  String constant(String name, TypeName valueType, CodecShape shape) {
    constants.add(
        FieldSpec.builder(
                ParameterizedTypeName.get(BYTES_CODEC, valueType.box()),
                name,
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .initializer(codecOf(shape))
            .build());
    return name;
  }

  /** The expression of the runtime codec for a shape (records: the singleton of their class). */
  CodeBlock codecOf(CodecShape shape) {
    return switch (shape) {
      case CodecShape.Builtin b -> CodeBlock.of("$T.$L", CODECS, b.constant());
      case CodecShape.EnumOf e -> CodeBlock.of("$T.enumOf($T.class)", CODECS, e.type());
      case CodecShape.ProtobufOf p -> CodeBlock.of("$T.protobuf($T.parser())", CODECS, p.type());
      case CodecShape.UserCodec u -> CodeBlock.of("new $T()", u.codec());
      case CodecShape.RefOf r when r.facade() == null ->
          CodeBlock.of("$T.actorRef($T.class)", REF_CODECS, r.messageType());
      case CodecShape.RefOf r ->
          CodeBlock.of(
              "$T.facade($T.class, $T::of, $T::ref)",
              REF_CODECS,
              r.messageType(),
              r.facade(),
              r.facade());
      case CodecShape.ListOf l -> CodeBlock.of("$T.list($L)", CODECS, codecOf(l.element()));
      case CodecShape.SetOf s -> CodeBlock.of("$T.set($L)", CODECS, codecOf(s.element()));
      case CodecShape.OptionalOf o -> CodeBlock.of("$T.optional($L)", CODECS, codecOf(o.element()));
      case CodecShape.MapOf m ->
          CodeBlock.of("$T.map($L, $L)", CODECS, codecOf(m.key()), codecOf(m.value()));
      case CodecShape.RecordOf r -> CodeBlock.of("$L", recordSingleton(r));
      case CodecShape.Unsupported u ->
          throw new IllegalStateException(
              "validation lets no unsupported shape through: " + u.why());
    };
  }

  /** The singleton of the codec class of a record shape, writing the class the first time. */
  private String recordSingleton(CodecShape.RecordOf r) {
    String existing = recordClasses.get(r.raw());
    if (existing != null) {
      return singletonName(existing);
    }
    String name = uniqueClassName("Record" + String.join("", r.raw().simpleNames()));
    recordClasses.put(r.raw(), name);
    List<Field> fields =
        r.fields().stream().map(f -> new Field(f.name(), f.type(), f.number(), f.shape())).toList();
    TypeName type = r.type();
    TypeSpec.Builder codec = codecClass(name, type, fields);
    codec.addMethod(
        MethodSpec.methodBuilder("read")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(type)
            .addParameter(CODED_INPUT, "in")
            .addException(IO_EXCEPTION)
            .addCode(readBody(name, fields, CodeBlock.of("new $T($L)", type, arguments(fields))))
            .build());
    classes.add(codec.build());
    return singleton(name);
  }

  /**
   * Declares the one instance of the nested codec class {@code className}; returns its field's
   * name.
   */
  String singleton(String className) {
    ClassName nested = outer.nestedClass(className);
    singletons.add(
        FieldSpec.builder(
                nested, singletonName(className), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", nested)
            .build());
    return singletonName(className);
  }

  /**
   * {@code base}, or {@code base2}, {@code base3}... if a class of this codec already has that
   * name.
   */
  String uniqueClassName(String base) {
    String name = base;
    for (int i = 2; !classNames.add(name); i++) {
      name = base + i;
    }
    return name;
  }

  /** Adds a codec class written by the caller (a variant's arguments). */
  void addClass(TypeSpec codec) {
    classes.add(codec);
  }

  static String singletonName(String className) {
    return className.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /**
   * A codec class for {@code type} with {@code sizeOf} and {@code write} over {@code fields}; the
   * caller adds {@code read} (records: the constructor; call variants: with the reply port too).
   */
  TypeSpec.Builder codecClass(String name, TypeName type, List<Field> fields) {
    MethodSpec.Builder size =
        MethodSpec.methodBuilder("sizeOf")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(int.class)
            .addParameter(type, "v")
            .addStatement("int size = 0");
    MethodSpec.Builder write =
        MethodSpec.methodBuilder("write")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(type, "v")
            .addParameter(CODED_OUTPUT, "out")
            .addException(IO_EXCEPTION);
    for (Field f : fields) {
      String local = "f" + f.number();
      CodeBlock value = f.read();
      Direct direct = Direct.of(f);
      String nested = nestedRecord(f);
      if (direct != null) {
        size.addStatement("$T $L = $L", f.type(), local, value);
        size.addStatement(
            "if ($L) size += $L + $L",
            direct.present(local),
            tagSize(f.number()),
            direct.size(local));
        write.addStatement("$T $L = $L", f.type(), local, value);
        write.addStatement(
            "if ($L) out.$L($L, $L)", direct.present(local), direct.writer(), f.number(), local);
      } else if (nested != null && f.shape() instanceof CodecShape.RecordOf) {
        // A nested record: its own codec class, called directly (no codec lookup, no depth count:
        // generated records cannot contain themselves, so their nesting is bounded by the types).
        size.addStatement("$T $L = $L", f.type(), local, value);
        size.beginControlFlow("if ($L != null)", local)
            .addStatement("int s = $L.sizeOf($L)", nested, local)
            .addStatement(
                "size += $L + $T.computeUInt32SizeNoTag(s) + s", tagSize(f.number()), CODED_OUTPUT)
            .endControlFlow();
        write.addStatement("$T $L = $L", f.type(), local, value);
        write
            .beginControlFlow("if ($L != null)", local)
            .addStatement("out.writeTag($L, $L)", f.number(), LENGTH_DELIMITED)
            .addStatement("out.writeUInt32NoTag($L.sizeOf($L))", nested, local)
            .addStatement("$L.write($L, out)", nested, local)
            .endControlFlow();
      } else if (nested != null) {
        // A list or set of records: a repeated message field, each element framed by its size.
        TypeName element = elementType(f.type(), 0);
        size.beginControlFlow("for ($T e : $L)", element, value)
            .addStatement("int s = $L.sizeOf(e)", nested)
            .addStatement(
                "size += $L + $T.computeUInt32SizeNoTag(s) + s", tagSize(f.number()), CODED_OUTPUT)
            .endControlFlow();
        write
            .beginControlFlow("for ($T e : $L)", element, value)
            .addStatement("out.writeTag($L, $L)", f.number(), LENGTH_DELIMITED)
            .addStatement("out.writeUInt32NoTag($L.sizeOf(e))", nested)
            .addStatement("$L.write(e, out)", nested)
            .endControlFlow();
      } else {
        String codec = constant(constantName(name, f), f.type(), f.shape());
        size.addStatement("size += $T.sizeOf($L, $L, $L)", FIELDS, f.number(), codec, value);
        write.addStatement("$T.write(out, $L, $L, $L)", FIELDS, f.number(), codec, value);
      }
    }
    return TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(BYTES_CODEC, type))
        .addMethod(size.addStatement("return size").build())
        .addMethod(write.build());
  }

  /**
   * For a record field, or a list or set of records: the singleton of the record's codec class
   * (written if needed); null for any other field.
   */
  private String nestedRecord(Field f) {
    return switch (f.shape()) {
      case CodecShape.RecordOf r -> recordSingleton(r);
      case CodecShape.ListOf l when l.element() instanceof CodecShape.RecordOf r ->
          recordSingleton(r);
      case CodecShape.SetOf set when set.element() instanceof CodecShape.RecordOf r ->
          recordSingleton(r);
      default -> null;
    };
  }

  private static String constantName(String className, Field f) {
    return singletonName(className)
        + "_"
        + singletonName(Character.toUpperCase(f.name().charAt(0)) + f.name().substring(1));
  }

  /** The constructor arguments: the read locals, collections finished. */
  static CodeBlock arguments(List<Field> fields) {
    CodeBlock.Builder args = CodeBlock.builder();
    for (int i = 0; i < fields.size(); i++) {
      args.add(i == 0 ? "" : ", ").add(finished(fields.get(i)));
    }
    return args.build();
  }

  /** A read local as the constructor takes it. */
  static CodeBlock finished(Field f) {
    String local = "f" + f.number();
    return switch (f.shape()) {
      case CodecShape.ListOf l -> CodeBlock.of("$T.toList($L)", FIELDS, local);
      case CodecShape.SetOf s -> CodeBlock.of("$T.toSet($L)", FIELDS, local);
      case CodecShape.MapOf m -> CodeBlock.of("$T.toMap($L)", FIELDS, local);
      default -> CodeBlock.of("$L", local);
    };
  }

  /**
   * The body of {@code read}: typed locals at their defaults, a loop over the tags, then {@code
   * return <make>}. Locals are named {@code f<number>}.
   */
  CodeBlock readBody(String className, List<Field> fields, CodeBlock make) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (Field f : fields) {
      String local = "f" + f.number();
      Direct direct = Direct.of(f);
      switch (f.shape()) {
        case CodecShape.ListOf l ->
            b.addStatement("$T<$T> $L = null", ARRAY_LIST, elementType(f.type(), 0), local);
        case CodecShape.SetOf s ->
            b.addStatement("$T<$T> $L = null", ARRAY_LIST, elementType(f.type(), 0), local);
        case CodecShape.MapOf m ->
            b.addStatement(
                "$T<$T, $T> $L = null",
                LINKED_HASH_MAP,
                elementType(f.type(), 0),
                elementType(f.type(), 1),
                local);
        default -> {
          if (direct != null) {
            b.addStatement("$T $L = $L", f.type(), local, direct.zero());
          } else if (f.shape() instanceof CodecShape.RecordOf) {
            b.addStatement("$T $L = null", f.type(), local);
          } else {
            b.addStatement(
                "$T $L = $L.defaultValue()", f.type(), local, constantName(className, f));
          }
        }
      }
    }
    b.beginControlFlow("for (int tag = in.readTag(); tag != 0; tag = in.readTag())");
    b.beginControlFlow("switch (tag)");
    for (Field f : fields) {
      Direct direct = Direct.of(f);
      String local = "f" + f.number();
      String nested = nestedRecord(f);
      if (direct != null) {
        b.addStatement(
            "case $L -> $L = $L", (f.number() << 3) | direct.wireType(), local, direct.reader());
      } else if (nested != null) {
        b.beginControlFlow("case $L ->", (f.number() << 3) | LENGTH_DELIMITED)
            .addStatement("int limit = in.pushLimit($T.checkedLength(in))", FIELDS);
        if (f.shape() instanceof CodecShape.RecordOf) {
          b.addStatement("$L = $L.read(in)", local, nested);
        } else {
          b.beginControlFlow("if ($L == null)", local)
              .addStatement("$L = new $T<>()", local, ARRAY_LIST)
              .endControlFlow();
          b.addStatement("$L.add($L.read(in))", local, nested);
        }
        b.addStatement("in.popLimit(limit)").endControlFlow();
      }
    }
    b.beginControlFlow("default ->");
    b.beginControlFlow("switch (tag >>> 3)");
    for (Field f : fields) {
      String local = "f" + f.number();
      Direct direct = Direct.of(f);
      String codec = constantName(className, f);
      if (direct != null) {
        b.addStatement(
            "case $L -> throw $T.wrongWireType(tag & 7, $L)",
            f.number(),
            FIELDS,
            direct.wireType());
      } else if (nestedRecord(f) != null) {
        b.addStatement(
            "case $L -> throw $T.wrongWireType(tag & 7, $L)", f.number(), FIELDS, LENGTH_DELIMITED);
      } else {
        switch (f.shape()) {
          case CodecShape.ListOf l ->
              b.addStatement(
                  "case $L -> $L = $T.readRepeated(in, tag & 7, $L, $L)",
                  f.number(),
                  local,
                  FIELDS,
                  elementConstant(className, f, l.element()),
                  local);
          case CodecShape.SetOf s ->
              b.addStatement(
                  "case $L -> $L = $T.readRepeated(in, tag & 7, $L, $L)",
                  f.number(),
                  local,
                  FIELDS,
                  elementConstant(className, f, s.element()),
                  local);
          case CodecShape.MapOf m ->
              b.addStatement(
                  "case $L -> $L = $T.readMapEntry(in, tag & 7, $L, $L)",
                  f.number(),
                  local,
                  FIELDS,
                  codec,
                  local);
          default ->
              b.addStatement(
                  "case $L -> $L = $T.read(in, tag & 7, $L)", f.number(), local, FIELDS, codec);
        }
      }
    }
    b.addStatement("default -> $T.skip(in, tag)", FIELDS);
    b.endControlFlow().endControlFlow().endControlFlow().endControlFlow();
    return b.addStatement("return $L", make).build();
  }

  /**
   * A constant for the element codec of a repeated field (the list's own constant is for writing).
   */
  private String elementConstant(String className, Field f, CodecShape element) {
    String name = constantName(className, f) + "_ELEMENT";
    if (constants.stream().noneMatch(c -> c.name().equals(name))) {
      constant(name, elementType(f.type(), 0), element);
    }
    return name;
  }

  private static TypeName elementType(TypeName collection, int index) {
    if (collection instanceof ParameterizedTypeName p) {
      return p.typeArguments().get(index);
    }
    throw new IllegalStateException("a collection component without type arguments: " + collection);
  }

  /** The size of a tag for field {@code number}: the varint size of {@code number << 3}. */
  static int tagSize(int number) {
    long value = ((long) number) << 3;
    int size = 1;
    while ((value >>>= 7) != 0) {
      size++;
    }
    return size;
  }

  /**
   * A field written without a codec object: a primitive or a {@code String}.
   *
   * @param presentFormat the condition under which the field is written (proto3: not the default),
   *     with {@code %s} for the local
   * @param sizer the {@code CodedOutputStream.computeXxxSizeNoTag} method, or null for a fixed size
   * @param fixedSize the value's size without the tag when {@code sizer} is null
   */
  private record Direct(
      String presentFormat,
      String sizer,
      int fixedSize,
      String writer,
      String reader,
      String zero,
      int wireType) {

    static Direct of(Field f) {
      if (f.type().isPrimitive()) {
        return switch (f.type().toString()) {
          case "int" -> varint("computeInt32SizeNoTag", "writeInt32", "in.readInt32()", "0");
          case "short" ->
              varint("computeInt32SizeNoTag", "writeInt32", "(short) in.readInt32()", "0");
          case "byte" ->
              varint("computeInt32SizeNoTag", "writeInt32", "(byte) in.readInt32()", "0");
          case "char" ->
              varint("computeUInt32SizeNoTag", "writeUInt32", "(char) in.readUInt32()", "0");
          case "long" -> varint("computeInt64SizeNoTag", "writeInt64", "in.readInt64()", "0L");
          case "boolean" ->
              new Direct("%s", null, 1, "writeBool", "in.readBool()", "false", VARINT);
          case "double" ->
              new Direct(
                  "Double.doubleToRawLongBits(%s) != 0",
                  null, 8, "writeDouble", "in.readDouble()", "0.0", FIXED64);
          case "float" ->
              new Direct(
                  "Float.floatToRawIntBits(%s) != 0",
                  null, 4, "writeFloat", "in.readFloat()", "0.0f", FIXED32);
          default -> null;
        };
      }
      if (f.shape() instanceof CodecShape.Builtin b && b.constant().equals("STRING")) {
        return new Direct(
            "%s != null && !%<s.isEmpty()",
            "computeStringSizeNoTag",
            0,
            "writeString",
            "in.readStringRequireUtf8()",
            "\"\"",
            LENGTH_DELIMITED);
      }
      return null;
    }

    private static Direct varint(String sizer, String writer, String reader, String zero) {
      return new Direct("%s != 0", sizer, 0, writer, reader, zero, VARINT);
    }

    String present(String local) {
      return String.format(presentFormat, local);
    }

    CodeBlock size(String local) {
      return sizer == null
          ? CodeBlock.of("$L", fixedSize)
          : CodeBlock.of("$T.$L($L)", CODED_OUTPUT, sizer, local);
    }
  }
}
