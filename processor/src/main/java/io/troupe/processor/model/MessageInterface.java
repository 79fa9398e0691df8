package io.troupe.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * One annotated type as the processor read it, valid or not: validation decides whether a facade
 * can be generated from it; generation reads everything but {@link #element} and {@link
 * #annotation}, which exist only so problems can be reported where they are.
 *
 * @param element the annotated type (for diagnostics)
 * @param annotation the {@code @ActorMessage}/{@code @ClusterMessage} mirror (for diagnostics)
 * @param kinds every Troupe message annotation present (normally one)
 * @param shape what kind of type was annotated
 * @param name the interface
 * @param typeVariables the interface's type parameters, which the facade repeats
 * @param facadeOption the {@code facadeName} option as written ("" when not set)
 * @param facade the facade class to write
 * @param visibility how far the interface is visible, which the facade matches
 * @param variants the permitted subtypes, enum variants expanded to one entry per constant
 * @param generatedAnnotation true if {@code javax.annotation.processing.Generated} is usable here
 * @param mentionsAuxiliaryTypes true if a variant is a top-level type that is not public, which may
 *     be an auxiliary class (declared in the interface's file): the facade then suppresses javac's
 *     {@code auxiliaryclass} lint, since it must construct those variants
 */
public record MessageInterface(
    TypeElement element,
    AnnotationMirror annotation,
    List<MessageKind> kinds,
    Shape shape,
    ClassName name,
    List<TypeVariableName> typeVariables,
    String facadeOption,
    ClassName facade,
    Visibility visibility,
    List<Variant> variants,
    boolean generatedAnnotation,
    boolean mentionsAuxiliaryTypes) {

  public MessageInterface {
    kinds = List.copyOf(kinds);
    typeVariables = List.copyOf(typeVariables);
    variants = List.copyOf(variants);
  }

  /** What kind of type carries the annotation. */
  public enum Shape {
    SEALED_INTERFACE,
    UNSEALED_INTERFACE,
    CLASS,
    ENUM,
    RECORD,
    ANNOTATION_TYPE
  }

  /** Where the facade may be seen from. */
  public enum Visibility {
    /** Public, in public enclosing types: the facade is public. */
    PUBLIC,
    /** Visible in its package only: the facade is package-private. */
    PACKAGE,
    /** Private somewhere: a facade in the package cannot name it. */
    PRIVATE,
    /**
     * Not public, in another package (a component type, in a named module whose variants span
     * packages): the facade cannot name it.
     */
    OTHER_PACKAGE
  }

  /** The primary annotation: {@code CLUSTER} wins when both are present. */
  public MessageKind kind() {
    return kinds.contains(MessageKind.CLUSTER) ? MessageKind.CLUSTER : MessageKind.ACTOR;
  }

  /** The message type the facade's ref carries: the interface with its type variables. */
  public TypeName messageType() {
    return TypeNames.parameterized(name, typeVariables);
  }

  /** The handler interface the receiving actor implements, beside the facade. */
  public ClassName handler() {
    return ClassName.get(
        facade.packageName(), io.troupe.processor.Names.handler(facade.simpleName()));
  }

  /** The facade's own type: the facade class with the interface's type variables. */
  public TypeName facadeType() {
    return TypeNames.parameterized(facade, typeVariables);
  }
}
