package io.troupe.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Decides the {@link CodecShape} of a type, from elements only (no runtime classes). */
public final class CodecShapes {
  private CodecShapes() {}

  static final String TAG = "io.troupe.codec.Tag";
  static final String WITH_CODEC = "io.troupe.codec.WithCodec";
  private static final String MESSAGE_LITE = "com.google.protobuf.MessageLite";
  private static final String ACTOR_REF = "io.troupe.ActorRef";
  private static final String CLUSTER_MESSAGE = "io.troupe.annotation.ClusterMessage";

  /**
   * The facades this processor is about to write (of the interface being read and of the other
   * {@code @ClusterMessage} interfaces of the round): a component of such a facade's type is a ref,
   * although the facade is not generated yet and its type is unresolved. So interfaces may name
   * their own facade and each other's.
   *
   * @param packageName the package of the interface being read, where a simple name is looked up
   * @param byFacade the refs by the facade's canonical name
   */
  public record Self(String packageName, java.util.Map<String, CodecShape.RefOf> byFacade) {
    public Self {
      byFacade = java.util.Map.copyOf(byFacade);
    }

    /** The ref an unresolved type names, as the source writes it, or null if it is no facade. */
    public CodecShape.RefOf facade(TypeMirror unresolved) {
      String written = unresolved.toString();
      return byFacade.get(
          written.contains(".") || packageName.isEmpty() ? written : packageName + "." + written);
    }
  }

  private static final Map<String, String> BUILTINS =
      Map.ofEntries(
          Map.entry("java.lang.Integer", "INT"),
          Map.entry("java.lang.Long", "LONG"),
          Map.entry("java.lang.Short", "SHORT"),
          Map.entry("java.lang.Byte", "BYTE"),
          Map.entry("java.lang.Character", "CHAR"),
          Map.entry("java.lang.Boolean", "BOOLEAN"),
          Map.entry("java.lang.Double", "DOUBLE"),
          Map.entry("java.lang.Float", "FLOAT"),
          Map.entry("java.lang.String", "STRING"),
          Map.entry("java.util.UUID", "UUID_CODEC"),
          Map.entry("java.time.Instant", "INSTANT"),
          Map.entry("java.time.Duration", "DURATION"));

  private static final Map<TypeKind, String> PRIMITIVES =
      Map.of(
          TypeKind.INT, "INT",
          TypeKind.LONG, "LONG",
          TypeKind.SHORT, "SHORT",
          TypeKind.BYTE, "BYTE",
          TypeKind.CHAR, "CHAR",
          TypeKind.BOOLEAN, "BOOLEAN",
          TypeKind.DOUBLE, "DOUBLE",
          TypeKind.FLOAT, "FLOAT");

  /** The shape of a component, honouring {@code @WithCodec} on the component itself. */
  public static CodecShape ofComponent(Element component, TypeMirror type, Self self) {
    ClassName bound = withCodec(component);
    return bound != null ? new CodecShape.UserCodec(bound) : of(type, new HashSet<>(), self);
  }

  /** The shape of a type. */
  public static CodecShape of(TypeMirror type, Self self) {
    return of(type, new HashSet<>(), self);
  }

  private static CodecShape of(TypeMirror type, Set<String> recordsInProgress, Self self) {
    if (type.getKind() == TypeKind.ERROR && self != null && self.facade(type) != null) {
      return self.facade(type);
    }
    if (PRIMITIVES.containsKey(type.getKind())) {
      return new CodecShape.Builtin(PRIMITIVES.get(type.getKind()));
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return type.toString().equals("byte[]")
          ? new CodecShape.Builtin("BYTES")
          : new CodecShape.Unsupported(
              "the array type " + type + " (only byte[] is supported; use a List)");
    }
    if (!(type instanceof DeclaredType declared)) {
      return new CodecShape.Unsupported(
          "the type " + type + " (a type variable, wildcard or other type with no fixed class)");
    }
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    List<? extends TypeMirror> args = declared.getTypeArguments();
    if (BUILTINS.containsKey(name)) {
      return new CodecShape.Builtin(BUILTINS.get(name));
    }
    switch (name) {
      case "java.util.List", "java.util.Set", "java.util.Optional" -> {
        if (args.size() != 1) {
          return new CodecShape.Unsupported("the raw type " + name);
        }
        CodecShape element0 = of(args.getFirst(), recordsInProgress, self);
        return switch (name) {
          case "java.util.List" -> new CodecShape.ListOf(element0);
          case "java.util.Set" -> new CodecShape.SetOf(element0);
          default -> new CodecShape.OptionalOf(element0);
        };
      }
      case "java.util.Map" -> {
        if (args.size() != 2) {
          return new CodecShape.Unsupported("the raw type java.util.Map");
        }
        return new CodecShape.MapOf(
            of(args.get(0), recordsInProgress, self), of(args.get(1), recordsInProgress, self));
      }
      case ACTOR_REF -> {
        return actorRef(type, args);
      }
      default -> {}
    }
    ClassName bound = withCodec(element);
    if (bound != null) {
      return new CodecShape.UserCodec(bound);
    }
    if (element.getKind() == ElementKind.ENUM) {
      return new CodecShape.EnumOf(ClassName.get(element));
    }
    if (isProtobufMessage(element)) {
      return new CodecShape.ProtobufOf(ClassName.get(element));
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (!args.isEmpty()) {
        return new CodecShape.Unsupported(
            "the generic record " + type + " (nested generic records are not supported yet)");
      }
      if (!recordsInProgress.add(name)) {
        return new CodecShape.Unsupported(
            "the record "
                + name
                + ", which contains itself (recursive records are not supported yet)");
      }
      List<CodecShape.Field> fields = new ArrayList<>();
      int position = 0;
      for (RecordComponentElement c : element.getRecordComponents()) {
        position++;
        Integer tag = tag(c);
        ClassName componentCodec = withCodec(c);
        CodecShape shape =
            componentCodec != null
                ? new CodecShape.UserCodec(componentCodec)
                : of(c.asType(), recordsInProgress, self);
        fields.add(
            new CodecShape.Field(
                c.getSimpleName().toString(),
                TypeName.get(c.asType()),
                tag != null ? tag : position,
                shape));
      }
      recordsInProgress.remove(name);
      return new CodecShape.RecordOf(TypeName.get(type), ClassName.get(element), fields);
    }
    if (element.getKind() == ElementKind.CLASS) {
      CodecShape facade = facade(element);
      if (facade != null) {
        return facade;
      }
    }
    return new CodecShape.Unsupported("the type " + name);
  }

  /** {@code ActorRef<X>}: a ref shape if X is a non-generic {@code @ClusterMessage} interface. */
  private static CodecShape actorRef(TypeMirror type, List<? extends TypeMirror> args) {
    if (args.size() != 1) {
      return new CodecShape.Unsupported(
          "the raw type io.troupe.ActorRef (a ref in a @ClusterMessage names its message type:"
              + " ActorRef<X> for a @ClusterMessage interface X)");
    }
    if (!(args.getFirst() instanceof DeclaredType x)
        || x.getKind() == TypeKind.ERROR
        || ((TypeElement) x.asElement()).getKind() != ElementKind.INTERFACE) {
      return new CodecShape.Unsupported(
          "the type "
              + type
              + " (a ref in a @ClusterMessage names a @ClusterMessage interface, ActorRef<X>; not"
              + " a wildcard, a type variable or a class)");
    }
    return refTo((TypeElement) x.asElement(), null, "the type " + type);
  }

  /** A ref shape of {@code x}, or why there is none. */
  private static CodecShape refTo(TypeElement x, ClassName facade, String what) {
    String name = x.getQualifiedName().toString();
    if (annotationMirror(x, CLUSTER_MESSAGE) == null) {
      return new CodecShape.Unsupported(
          what
              + " (a ref crosses nodes only for a @ClusterMessage interface, whose codec can encode"
              + " messages to it: annotate "
              + name
              + " with @ClusterMessage)");
    }
    if (!x.getTypeParameters().isEmpty()) {
      return new CodecShape.Unsupported(
          what
              + " (refs of generic message interfaces such as "
              + name
              + " are not supported yet)");
    }
    return new CodecShape.RefOf(ClassName.get(x), facade);
  }

  /**
   * A generated facade: a class with {@code static F of(ActorRef<X>)} and {@code ActorRef<X>
   * ref()}. Its shape is a ref of X (or why not), or null if the class is no facade.
   */
  private static CodecShape facade(TypeElement element) {
    TypeElement of = null;
    boolean hasRef = false;
    for (Element member : element.getEnclosedElements()) {
      if (member.getKind() != ElementKind.METHOD
          || !member.getModifiers().contains(javax.lang.model.element.Modifier.PUBLIC)) {
        continue;
      }
      ExecutableElement method = (ExecutableElement) member;
      String methodName = method.getSimpleName().toString();
      if (methodName.equals("of")
          && method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)
          && method.getParameters().size() == 1) {
        TypeElement x = refArgument(method.getParameters().getFirst().asType());
        if (x != null) {
          of = x;
        }
      } else if (methodName.equals("ref") && method.getParameters().isEmpty()) {
        hasRef = refArgument(method.getReturnType()) != null;
      }
    }
    if (of == null || !hasRef) {
      return null;
    }
    return refTo(of, ClassName.get(element), "the facade " + element.getQualifiedName());
  }

  /** X of {@code ActorRef<X>} for an interface X; null for any other type. */
  private static TypeElement refArgument(TypeMirror type) {
    if (type instanceof DeclaredType d
        && ((TypeElement) d.asElement()).getQualifiedName().contentEquals(ACTOR_REF)
        && d.getTypeArguments().size() == 1
        && d.getTypeArguments().getFirst() instanceof DeclaredType x
        && x.asElement().getKind() == ElementKind.INTERFACE) {
      return (TypeElement) x.asElement();
    }
    return null;
  }

  private static AnnotationMirror annotationMirror(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement())
          .getQualifiedName()
          .contentEquals(annotation)) {
        return mirror;
      }
    }
    return null;
  }

  private static boolean isProtobufMessage(TypeElement element) {
    for (TypeMirror t : element.getInterfaces()) {
      if (t instanceof DeclaredType d
          && (((TypeElement) d.asElement()).getQualifiedName().contentEquals(MESSAGE_LITE)
              || isProtobufMessage((TypeElement) d.asElement()))) {
        return true;
      }
    }
    TypeMirror superclass = element.getSuperclass();
    return superclass instanceof DeclaredType d && isProtobufMessage((TypeElement) d.asElement());
  }

  /** The value of {@code @Tag} on an element, or null. */
  public static Integer tag(Element element) {
    AnnotationValue v = annotationValue(element, TAG);
    return v == null ? null : (Integer) v.getValue();
  }

  private static ClassName withCodec(Element element) {
    AnnotationValue v = annotationValue(element, WITH_CODEC);
    if (v != null && v.getValue() instanceof DeclaredType codec) {
      return ClassName.get((TypeElement) codec.asElement());
    }
    return null;
  }

  private static AnnotationValue annotationValue(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement())
          .getQualifiedName()
          .contentEquals(annotation)) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
            mirror.getElementValues().entrySet()) {
          if (e.getKey().getSimpleName().contentEquals("value")) {
            return e.getValue();
          }
        }
      }
    }
    return null;
  }
}
