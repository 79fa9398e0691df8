package io.troupe.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.troupe.processor.Names;
import io.troupe.processor.model.MethodVariant.NameSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Reads one record or enum variant: its method name, its components in the facade's type variables,
 * and its reply port. Like {@link ModelReader}, it records what it finds and never reports.
 */
final class VariantReader {

  /** The interface being read and its facade, for components that are refs to it. */
  private CodecShapes.Self self;

  /** Sets the interface whose variants are read next. */
  void reading(CodecShapes.Self self) {
    this.self = self;
  }

  /**
   * Reads a record variant.
   *
   * @param parent the sealed interface the record directly implements: the annotated one, or a
   *     sealed sub-interface of it
   * @param parentArguments what each of {@code parent}'s type parameters is in the facade
   * @param interfaceVariables the annotated interface's type variables, which the facade declares
   */
  RecordVariant record(
      TypeElement annotated,
      TypeElement parent,
      List<TypeName> parentArguments,
      TypeElement record,
      List<TypeVariableName> interfaceVariables) {
    // The record's type variables that the interface passes through become the facade's; the rest
    // become type parameters of the facade method.
    Map<String, TypeName> passed = passThrough(record, parent, parentArguments);
    boolean matches = passed != null;
    Map<String, TypeName> renames = matches ? passed : new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    interfaceVariables.forEach(v -> taken.add(v.name()));
    List<TypeParameterElement> own = new ArrayList<>();
    for (TypeParameterElement parameter : record.getTypeParameters()) {
      String original = parameter.getSimpleName().toString();
      if (!renames.containsKey(original)) {
        String fresh = Names.typeVariable(taken, original);
        taken.add(fresh);
        renames.put(original, TypeVariableName.get(fresh));
        own.add(parameter);
      }
    }
    List<TypeVariableName> methodVariables = new ArrayList<>();
    for (TypeParameterElement parameter : own) {
      TypeVariableName declared = TypeVariableName.get(parameter);
      methodVariables.add(
          TypeVariableName.get(
              ((TypeVariableName) renames.get(declared.name())).name(),
              declared.bounds().stream()
                  .map(b -> TypeNames.substitute(b, renames))
                  .toArray(TypeName[]::new)));
    }
    List<Component> components = new ArrayList<>();
    int position = 0;
    for (RecordComponentElement component : record.getRecordComponents()) {
      position++;
      TypeMirror type = component.asType();
      TypeName reply = replyType(type);
      Integer tag = CodecShapes.tag(component);
      components.add(
          new Component(
              component,
              component.getSimpleName().toString(),
              TypeNames.substitute(TypeName.get(type), renames),
              reply == null ? null : TypeNames.substitute(reply, renames),
              hidden(type, packageOf(annotated)),
              tag != null ? tag : position,
              reply == null ? CodecShapes.ofComponent(component, type, self) : null,
              reply == null ? null : replyShape(type)));
    }
    String override = facadeMethod(record);
    return new RecordVariant(
        record,
        ClassName.get(record),
        override != null ? override : Names.method(record.getSimpleName().toString()),
        override != null ? NameSource.ANNOTATION : NameSource.DERIVED,
        record.getTypeParameters().stream()
            .map(p -> renames.get(p.getSimpleName().toString()))
            .toList(),
        methodVariables,
        components,
        matches,
        Access.of(record, packageOf(annotated)));
  }

  List<EnumConstantVariant> enumConstants(TypeElement annotated, TypeElement enumType) {
    // An enum has no type variables, so it can only implement a generic interface with fixed
    // arguments, which a facade generic in them cannot send.
    boolean matches = annotated.getTypeParameters().isEmpty();
    List<EnumConstantVariant> constants = new ArrayList<>();
    for (Element member : enumType.getEnclosedElements()) {
      if (member.getKind() == ElementKind.ENUM_CONSTANT) {
        String constant = member.getSimpleName().toString();
        String override = facadeMethod(member);
        constants.add(
            new EnumConstantVariant(
                (VariableElement) member,
                ClassName.get(enumType),
                constant,
                override != null ? override : Names.enumConstantMethod(constant),
                override != null ? NameSource.ANNOTATION : NameSource.DERIVED,
                matches,
                Access.of(enumType, packageOf(annotated))));
      }
    }
    return constants;
  }

  /** The codec shape of a reply port's answer type. */
  private CodecShape replyShape(TypeMirror port) {
    List<? extends TypeMirror> args = ((DeclaredType) port).getTypeArguments();
    if (args.isEmpty()) {
      return new CodecShape.Unsupported("the answer of a raw RpcReplyPort");
    }
    TypeMirror argument = args.getFirst();
    if (argument instanceof WildcardType wildcard) {
      argument =
          wildcard.getExtendsBound() != null
              ? wildcard.getExtendsBound()
              : wildcard.getSuperBound();
      if (argument == null) {
        return new CodecShape.Unsupported("the answer of RpcReplyPort<?>");
      }
    }
    return CodecShapes.of(argument, self);
  }

  /** {@code T} of {@code RpcReplyPort<T>}, or null if {@code type} is not a reply port. */
  private static TypeName replyType(TypeMirror type) {
    if (!(type instanceof DeclaredType declared)
        || !((TypeElement) declared.asElement())
            .getQualifiedName()
            .contentEquals(Names.RPC_REPLY_PORT)) {
      return null;
    }
    if (declared.getTypeArguments().isEmpty()) {
      return ClassName.OBJECT;
    }
    TypeMirror argument = declared.getTypeArguments().getFirst();
    if (argument instanceof WildcardType wildcard) {
      // A port of "? extends B" accepts a port of B, and so does one of "? super B".
      TypeMirror bound =
          wildcard.getExtendsBound() != null
              ? wildcard.getExtendsBound()
              : wildcard.getSuperBound();
      return bound == null ? ClassName.OBJECT : TypeName.get(bound);
    }
    return TypeName.get(argument);
  }

  /**
   * How {@code subtype}'s type variables map to the facade's types, if {@code subtype} implements
   * {@code parent} with distinct type variables of its own as arguments; null if it fixes an
   * argument, repeats a variable, or implements {@code parent} raw.
   */
  static Map<String, TypeName> passThrough(
      TypeElement subtype, TypeElement parent, List<TypeName> parentArguments) {
    Map<String, TypeName> renames = new LinkedHashMap<>();
    if (parentArguments.isEmpty()) {
      return renames;
    }
    DeclaredType supertype = directSupertype(subtype, parent);
    List<? extends TypeMirror> arguments =
        supertype == null ? List.of() : supertype.getTypeArguments();
    if (arguments.size() != parentArguments.size()) {
      return null;
    }
    for (int i = 0; i < arguments.size(); i++) {
      if (!(arguments.get(i) instanceof TypeVariable variable)
          || !variable.asElement().getEnclosingElement().equals(subtype)
          || renames.putIfAbsent(
                  variable.asElement().getSimpleName().toString(), parentArguments.get(i))
              != null) {
        return null;
      }
    }
    return renames;
  }

  private static DeclaredType directSupertype(TypeElement variant, TypeElement annotated) {
    for (TypeMirror candidate : variant.getInterfaces()) {
      if (candidate instanceof DeclaredType declared && declared.asElement().equals(annotated)) {
        return declared;
      }
    }
    return null;
  }

  private static String facadeMethod(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(Names.FACADE_METHOD)) {
        return ModelReader.stringValue(mirror, "value");
      }
    }
    return null;
  }

  private static Component.Hidden hidden(TypeMirror type, String facadePackage) {
    TypeElement hidden = Access.firstHidden(type, facadePackage);
    return hidden == null
        ? null
        : new Component.Hidden(ClassName.get(hidden), Access.of(hidden, facadePackage));
  }

  private static String packageOf(TypeElement type) {
    return Access.packageOf(type).getQualifiedName().toString();
  }
}
