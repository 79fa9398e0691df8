package io.troupe.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.Element;

/**
 * One record component.
 *
 * @param element the component (for diagnostics)
 * @param name the component's name, which the facade uses for its parameter
 * @param type the component's type in the facade's type variables
 * @param replyType for a reply port {@code RpcReplyPort<T>}, {@code T} (a wildcard's bound;
 *     {@code Object} for a raw or unbounded port); null for any other component
 * @param hidden a type mentioned in {@link #type} that the facade cannot name, with how visible it
 *     is; null when the facade can name every type (the usual case)
 */
public record Component(
    Element element, String name, TypeName type, TypeName replyType, Hidden hidden) {

  /**
   * A type the facade cannot name.
   *
   * @param type the type
   * @param visibility {@code PRIVATE} or {@code OTHER_PACKAGE}
   */
  public record Hidden(ClassName type, MessageInterface.Visibility visibility) {}

  /** True if this component is an {@code RpcReplyPort}. */
  public boolean isReplyPort() {
    return replyType != null;
  }
}
