package io.troupe.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.troupe.processor.Names;
import io.troupe.processor.model.MessageInterface.Shape;
import io.troupe.processor.model.MessageInterface.Visibility;
import io.troupe.processor.model.MethodVariant.NameSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * Reads an annotated type into a {@link MessageInterface}. It never reports: whatever it finds,
 * valid or not, goes into the model, and validation judges it.
 */
public final class ModelReader {
  private static final String GENERATED_MODULE = "java.compiler";

  private final Elements elements;
  private final javax.lang.model.util.Types types;

  public ModelReader(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
  }

  /**
   * True if a type the facade would mention is not resolved yet; another processor may generate it
   * in a later round, so the interface should be read again then.
   */
  public boolean hasUnresolvedTypes(TypeElement annotated) {
    for (TypeMirror permitted : allPermitted(annotated)) {
      if (permitted.getKind() == TypeKind.ERROR) {
        return true;
      }
      Element variant = types.asElement(permitted);
      if (variant instanceof TypeElement record && record.getKind() == ElementKind.RECORD) {
        for (RecordComponentElement component : record.getRecordComponents()) {
          if (isUnresolved(component.asType())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Reads {@code annotated}, which carries {@code @ActorMessage} or {@code @ClusterMessage}. */
  public MessageInterface read(TypeElement annotated) {
    List<MessageKind> kinds = new ArrayList<>();
    AnnotationMirror primary = null;
    for (AnnotationMirror mirror : annotated.getAnnotationMirrors()) {
      String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
      if (name.equals(Names.CLUSTER_MESSAGE)) {
        kinds.add(MessageKind.CLUSTER);
        primary = mirror;
      } else if (name.equals(Names.ACTOR_MESSAGE)) {
        kinds.add(MessageKind.ACTOR);
        if (primary == null) {
          primary = mirror;
        }
      }
    }
    String facadeOption = primary == null ? "" : stringValue(primary, "facadeName");
    ClassName name = ClassName.get(annotated);
    String facadeSimpleName =
        Names.facade(
            annotated.getSimpleName().toString(),
            Names.isValidClassName(facadeOption) ? facadeOption : "");
    List<TypeVariableName> typeVariables =
        annotated.getTypeParameters().stream().map(TypeVariableName::get).toList();
    return new MessageInterface(
        annotated,
        primary,
        kinds,
        shape(annotated),
        name,
        typeVariables,
        facadeOption,
        ClassName.get(name.packageName(), facadeSimpleName),
        visibility(annotated),
        variants(annotated, typeVariables),
        generatedAnnotationUsable(annotated),
        mentionsAuxiliaryTypes(annotated));
  }

  /**
   * True if a variant is a top-level type that is not public: it may be an auxiliary class, which
   * javac's auxiliaryclass lint flags wherever another file names it.
   */
  private boolean mentionsAuxiliaryTypes(TypeElement annotated) {
    for (TypeMirror permitted : allPermitted(annotated)) {
      Element variant = types.asElement(permitted);
      if (variant.getEnclosingElement().getKind() == ElementKind.PACKAGE
          && !variant.getModifiers().contains(Modifier.PUBLIC)) {
        return true;
      }
    }
    return false;
  }

  private List<Variant> variants(TypeElement annotated, List<TypeVariableName> interfaceVariables) {
    List<Variant> variants = new ArrayList<>();
    collectVariants(annotated, annotated, interfaceVariables, variants, new HashSet<>());
    return variants;
  }

  /**
   * Adds the variants permitted by {@code sealed}, flattening sealed sub-interfaces (a record
   * reachable along two paths counts once). Sub-interfaces of a generic interface are not
   * flattened: their type arguments would have to be traced through each level.
   */
  private void collectVariants(
      TypeElement annotated,
      TypeElement sealed,
      List<TypeVariableName> interfaceVariables,
      List<Variant> variants,
      Set<Element> seen) {
    for (TypeMirror permitted : sealed.getPermittedSubclasses()) {
      TypeElement subtype = (TypeElement) types.asElement(permitted);
      if (!seen.add(subtype)) {
        continue;
      }
      switch (subtype.getKind()) {
        case RECORD -> variants.add(record(annotated, subtype, interfaceVariables));
        case ENUM -> variants.addAll(enumConstants(annotated, subtype));
        case INTERFACE -> {
          if (!subtype.getModifiers().contains(Modifier.SEALED)) {
            variants.add(new UnsupportedVariant(subtype, "an interface that is not sealed"));
          } else if (!interfaceVariables.isEmpty()) {
            variants.add(new UnsupportedVariant(subtype, "a sealed sub-interface of a generic interface"));
          } else {
            collectVariants(annotated, subtype, interfaceVariables, variants, seen);
          }
        }
        default -> variants.add(new UnsupportedVariant(subtype, "a class"));
      }
    }
  }

  /** Every permitted subtype of {@code sealed}, through sealed sub-interfaces. */
  private List<TypeMirror> allPermitted(TypeElement sealed) {
    List<TypeMirror> all = new ArrayList<>();
    for (TypeMirror permitted : sealed.getPermittedSubclasses()) {
      all.add(permitted);
      if (permitted.getKind() != TypeKind.ERROR
          && types.asElement(permitted) instanceof TypeElement subtype
          && subtype.getKind() == ElementKind.INTERFACE
          && subtype.getModifiers().contains(Modifier.SEALED)) {
        all.addAll(allPermitted(subtype));
      }
    }
    return all;
  }

  private RecordVariant record(
      TypeElement annotated, TypeElement record, List<TypeVariableName> interfaceVariables) {
    // The record's type variables that the interface passes through become the facade's; the rest
    // become type parameters of the facade method.
    Map<String, TypeName> renames = new LinkedHashMap<>();
    boolean matches = true;
    DeclaredType supertype = directSupertype(record, annotated);
    if (!interfaceVariables.isEmpty()) {
      List<? extends TypeMirror> arguments =
          supertype == null ? List.of() : supertype.getTypeArguments();
      matches = arguments.size() == interfaceVariables.size();
      for (int i = 0; matches && i < arguments.size(); i++) {
        if (arguments.get(i) instanceof TypeVariable variable
            && variable.asElement().getEnclosingElement().equals(record)
            && !renames.containsKey(variable.asElement().getSimpleName().toString())) {
          renames.put(
              variable.asElement().getSimpleName().toString(),
              TypeVariableName.get(interfaceVariables.get(i).name()));
        } else {
          matches = false;
        }
      }
    }
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
    for (RecordComponentElement component : record.getRecordComponents()) {
      TypeMirror type = component.asType();
      TypeName reply = replyType(type);
      components.add(
          new Component(
              component,
              component.getSimpleName().toString(),
              TypeNames.substitute(TypeName.get(type), renames),
              reply == null ? null : TypeNames.substitute(reply, renames)));
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
        visibility(record));
  }

  private List<EnumConstantVariant> enumConstants(TypeElement annotated, TypeElement enumType) {
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
                visibility(enumType)));
      }
    }
    return constants;
  }

  /** {@code T} of {@code RpcReplyPort<T>}, or null if {@code type} is not a reply port. */
  private TypeName replyType(TypeMirror type) {
    if (!(type instanceof DeclaredType declared)
        || !((TypeElement) declared.asElement()).getQualifiedName().contentEquals(Names.RPC_REPLY_PORT)) {
      return null;
    }
    if (declared.getTypeArguments().isEmpty()) {
      return ClassName.OBJECT;
    }
    TypeMirror argument = declared.getTypeArguments().getFirst();
    if (argument instanceof WildcardType wildcard) {
      // A port of "? extends B" accepts a port of B, and so does one of "? super B".
      TypeMirror bound =
          wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : wildcard.getSuperBound();
      return bound == null ? ClassName.OBJECT : TypeName.get(bound);
    }
    return TypeName.get(argument);
  }

  private DeclaredType directSupertype(TypeElement variant, TypeElement annotated) {
    for (TypeMirror candidate : variant.getInterfaces()) {
      if (candidate instanceof DeclaredType declared && declared.asElement().equals(annotated)) {
        return declared;
      }
    }
    return null;
  }

  private String facadeMethod(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(Names.FACADE_METHOD)) {
        return stringValue(mirror, "value");
      }
    }
    return null;
  }

  private static String stringValue(AnnotationMirror mirror, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(member)
          && entry.getValue().getValue() instanceof String value) {
        return value;
      }
    }
    return "";
  }

  private static Shape shape(TypeElement type) {
    return switch (type.getKind()) {
      case INTERFACE ->
          type.getModifiers().contains(Modifier.SEALED) ? Shape.SEALED_INTERFACE : Shape.UNSEALED_INTERFACE;
      case ENUM -> Shape.ENUM;
      case RECORD -> Shape.RECORD;
      case ANNOTATION_TYPE -> Shape.ANNOTATION_TYPE;
      default -> Shape.CLASS;
    };
  }

  /** How far a type is visible, counting the types it is nested in. */
  private static Visibility visibility(TypeElement type) {
    Visibility result = Visibility.PUBLIC;
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = e.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE)) {
        return Visibility.PRIVATE;
      }
      if (!modifiers.contains(Modifier.PUBLIC)) {
        result = Visibility.PACKAGE;
      }
    }
    return result;
  }

  /**
   * {@code @Generated} lives in module java.compiler: always readable from the class path, but a
   * named module sees it only if it reads java.compiler.
   */
  private boolean generatedAnnotationUsable(TypeElement annotated) {
    if (elements.getTypeElement(Names.GENERATED_ANNOTATION) == null) {
      return false;
    }
    ModuleElement module = elements.getModuleOf(annotated);
    return module == null || module.isUnnamed() || reads(module, new HashSet<>(), true);
  }

  private static boolean reads(ModuleElement module, Set<ModuleElement> seen, boolean direct) {
    if (!seen.add(module)) {
      return false;
    }
    for (ModuleElement.Directive directive : module.getDirectives()) {
      if (directive instanceof ModuleElement.RequiresDirective requires
          && (direct || requires.isTransitive())) {
        ModuleElement target = requires.getDependency();
        if (target.getQualifiedName().contentEquals(GENERATED_MODULE)
            || reads(target, seen, false)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isUnresolved(TypeMirror type) {
    return switch (type.getKind()) {
      case ERROR -> true;
      case DECLARED ->
          ((DeclaredType) type).getTypeArguments().stream().anyMatch(ModelReader::isUnresolved);
      case ARRAY -> isUnresolved(((ArrayType) type).getComponentType());
      case WILDCARD -> {
        WildcardType w = (WildcardType) type;
        yield (w.getExtendsBound() != null && isUnresolved(w.getExtendsBound()))
            || (w.getSuperBound() != null && isUnresolved(w.getSuperBound()));
      }
      default -> false;
    };
  }
}
