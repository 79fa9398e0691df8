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
 * @param replyType for a reply port {@code RpcReplyPort<T>}, {@code T} (a wildcard's bound; {@code
 *     Object} for a raw or unbounded port); null for any other component
 * @param hidden a type mentioned in {@link #type} that the facade cannot name, with how visible it
 *     is; null when the facade can name every type (the usual case)
 * @param tag the protobuf field number under {@code @ClusterMessage}: {@code @Tag}'s value, or the
 *     component's position from 1
 * @param codec how the component is encoded (unused for reply ports and under
 *     {@code @ActorMessage})
 * @param replyCodec for a reply port, how the answer is encoded; null otherwise
 */
public record Component(
    Element element,
    String name,
    TypeName type,
    TypeName replyType,
    Hidden hidden,
    int tag,
    CodecShape codec,
    CodecShape replyCodec) {

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
