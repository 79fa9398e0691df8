package io.troupe.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.troupe.processor.Names;
import io.troupe.processor.model.MessageInterface.Shape;
import java.util.ArrayList;
import java.util.HashSet;
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
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
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
  private final VariantReader variantReader = new VariantReader();

  public ModelReader(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
  }

  /**
   * True if a type the facade would mention is not resolved yet; another processor may generate it
   * in a later round, so the interface should be read again then.
   */
  public boolean hasUnresolvedTypes(TypeElement annotated) {
    CodecShapes.Self self = self(annotated);
    for (TypeMirror permitted : allPermitted(annotated)) {
      if (permitted.getKind() == TypeKind.ERROR) {
        return true;
      }
      Element variant = types.asElement(permitted);
      if (variant instanceof TypeElement record && record.getKind() == ElementKind.RECORD) {
        for (RecordComponentElement component : record.getRecordComponents()) {
          if (isUnresolved(component.asType(), self)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The facades of this round's {@code @ClusterMessage} interfaces, by canonical name. */
  private Map<String, CodecShape.RefOf> pendingFacades = Map.of();

  /**
   * Sets the interfaces of the round: their facades may be named by each other's components before
   * they are generated.
   */
  public void expect(List<TypeElement> interfaces) {
    Map<String, CodecShape.RefOf> facades = new java.util.HashMap<>();
    for (TypeElement type : interfaces) {
      CodecShape.RefOf ref = facadeRef(type);
      if (ref != null) {
        facades.put(ref.facade().canonicalName(), ref);
      }
    }
    pendingFacades = facades;
  }

  /**
   * What the facades of the round (and the interface's own) stand for, seen from {@code annotated}.
   */
  private CodecShapes.Self self(TypeElement annotated) {
    Map<String, CodecShape.RefOf> facades = new java.util.HashMap<>(pendingFacades);
    CodecShape.RefOf own = facadeRef(annotated);
    if (own != null) {
      facades.put(own.facade().canonicalName(), own);
    }
    return new CodecShapes.Self(ClassName.get(annotated).packageName(), facades);
  }

  /** The ref shape of a non-generic {@code @ClusterMessage} interface's facade, or null. */
  private static CodecShape.RefOf facadeRef(TypeElement annotated) {
    boolean cluster = false;
    for (AnnotationMirror mirror : annotated.getAnnotationMirrors()) {
      cluster |=
          ((TypeElement) mirror.getAnnotationType().asElement())
              .getQualifiedName()
              .contentEquals(Names.CLUSTER_MESSAGE);
    }
    if (!cluster || !annotated.getTypeParameters().isEmpty()) {
      return null;
    }
    return new CodecShape.RefOf(ClassName.get(annotated), facadeName(annotated));
  }

  /** The class name the facade of {@code annotated} gets. */
  private static ClassName facadeName(TypeElement annotated) {
    AnnotationMirror primary = null;
    for (AnnotationMirror mirror : annotated.getAnnotationMirrors()) {
      String name =
          ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
      if (name.equals(Names.CLUSTER_MESSAGE)
          || name.equals(Names.ACTOR_MESSAGE) && primary == null) {
        primary = mirror;
      }
    }
    String facadeOption = primary == null ? "" : stringValue(primary, "facadeName");
    ClassName name = ClassName.get(annotated);
    return ClassName.get(
        name.packageName(),
        Names.facade(
            annotated.getSimpleName().toString(),
            Names.isValidClassName(facadeOption) ? facadeOption : ""));
  }

  /** Reads {@code annotated}, which carries {@code @ActorMessage} or {@code @ClusterMessage}. */
  public MessageInterface read(TypeElement annotated) {
    variantReader.reading(self(annotated));
    List<MessageKind> kinds = new ArrayList<>();
    AnnotationMirror primary = null;
    for (AnnotationMirror mirror : annotated.getAnnotationMirrors()) {
      String name =
          ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
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
        Access.of(annotated, name.packageName()),
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
    List<TypeName> arguments =
        interfaceVariables.stream().map(v -> (TypeName) TypeVariableName.get(v.name())).toList();
    collectVariants(annotated, annotated, arguments, interfaceVariables, variants, new HashSet<>());
    return variants;
  }

  /**
   * Adds the variants permitted by {@code sealed}, flattening sealed sub-interfaces (a record
   * reachable along two paths counts once). {@code arguments} says what each type parameter of
   * {@code sealed} is in the facade.
   */
  private void collectVariants(
      TypeElement annotated,
      TypeElement sealed,
      List<TypeName> arguments,
      List<TypeVariableName> interfaceVariables,
      List<Variant> variants,
      Set<Element> seen) {
    for (TypeMirror permitted : sealed.getPermittedSubclasses()) {
      TypeElement subtype = (TypeElement) types.asElement(permitted);
      if (!seen.add(subtype)) {
        continue;
      }
      switch (subtype.getKind()) {
        case RECORD ->
            variants.add(
                variantReader.record(annotated, sealed, arguments, subtype, interfaceVariables));
        case ENUM -> variants.addAll(variantReader.enumConstants(annotated, subtype));
        case INTERFACE -> {
          Map<String, TypeName> passed = VariantReader.passThrough(subtype, sealed, arguments);
          if (!subtype.getModifiers().contains(Modifier.SEALED)) {
            variants.add(
                new UnsupportedVariant(subtype, UnsupportedVariant.Reason.UNSEALED_INTERFACE));
          } else if (passed == null || passed.size() != subtype.getTypeParameters().size()) {
            variants.add(
                new UnsupportedVariant(
                    subtype, UnsupportedVariant.Reason.TYPE_ARGUMENTS_NOT_PASSED_THROUGH));
          } else {
            List<TypeName> subArguments =
                subtype.getTypeParameters().stream()
                    .map(p -> passed.get(p.getSimpleName().toString()))
                    .toList();
            collectVariants(annotated, subtype, subArguments, interfaceVariables, variants, seen);
          }
        }
        default -> variants.add(new UnsupportedVariant(subtype, UnsupportedVariant.Reason.CLASS));
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

  static String stringValue(AnnotationMirror mirror, String member) {
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
          type.getModifiers().contains(Modifier.SEALED)
              ? Shape.SEALED_INTERFACE
              : Shape.UNSEALED_INTERFACE;
      case ENUM -> Shape.ENUM;
      case RECORD -> Shape.RECORD;
      case ANNOTATION_TYPE -> Shape.ANNOTATION_TYPE;
      default -> Shape.CLASS;
    };
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

  /**
   * True if {@code type} mentions a type not generated yet, other than the interface's own facade
   * and those of the round's other interfaces (which this processor writes in this round).
   */
  private static boolean isUnresolved(TypeMirror type, CodecShapes.Self self) {
    return switch (type.getKind()) {
      case ERROR -> self.facade(type) == null;
      case DECLARED ->
          ((DeclaredType) type).getTypeArguments().stream().anyMatch(t -> isUnresolved(t, self));
      case ARRAY -> isUnresolved(((ArrayType) type).getComponentType(), self);
      case WILDCARD -> {
        WildcardType w = (WildcardType) type;
        yield (w.getExtendsBound() != null && isUnresolved(w.getExtendsBound(), self))
            || (w.getSuperBound() != null && isUnresolved(w.getSuperBound(), self));
      }
      default -> false;
    };
  }
}
