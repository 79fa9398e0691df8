package io.troupe.processor.model;

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
 */
public record Component(Element element, String name, TypeName type, TypeName replyType) {

  /** True if this component is an {@code RpcReplyPort}. */
  public boolean isReplyPort() {
    return replyType != null;
  }
}
