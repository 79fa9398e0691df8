package io.troupe.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A record variant: a cast when it has no reply port, a call when it has exactly one.
 *
 * @param element the record (for diagnostics)
 * @param type the record class
 * @param typeArguments the record's type arguments as the facade writes them, in the record's
 *     declared order (empty if the record is not generic)
 * @param methodTypeVariables the record's type parameters that the interface does not fix, which
 *     become type parameters of the facade method
 * @param components the record components in declaration order, in the facade's type variables
 * @param typeArgumentsMatch false if the record implements the interface with anything but its own
 *     distinct type variables (then no facade method of the interface's type could send it)
 * @param visibility whether the facade can name the record
 */
public record RecordVariant(
    TypeElement element,
    ClassName type,
    String methodName,
    NameSource nameSource,
    List<TypeName> typeArguments,
    List<TypeVariableName> methodTypeVariables,
    List<Component> components,
    boolean typeArgumentsMatch,
    MessageInterface.Visibility visibility)
    implements MethodVariant {

  public RecordVariant {
    typeArguments = List.copyOf(typeArguments);
    methodTypeVariables = List.copyOf(methodTypeVariables);
    components = List.copyOf(components);
  }

  /** The record type as the facade constructs it: with its type arguments, if any. */
  public TypeName constructedType() {
    return typeArguments.isEmpty()
        ? type
        : ParameterizedTypeName.get(type, typeArguments.toArray(TypeName[]::new));
  }

  /** The components that are reply ports; a valid call has exactly one. */
  public List<Component> replyPorts() {
    return components.stream().filter(Component::isReplyPort).toList();
  }

  /** True if this variant is a call (it has a reply port). */
  public boolean isCall() {
    return components.stream().anyMatch(Component::isReplyPort);
  }

  /** The reply port of a call. */
  public Component replyPort() {
    return replyPorts().getFirst();
  }

  /** Every component but the reply port, in order: the facade method's parameters. */
  public List<Component> arguments() {
    return components.stream().filter(c -> !c.isReplyPort()).toList();
  }
}
