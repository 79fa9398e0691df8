package io.troupe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a sealed message interface: the Troupe annotation processor writes a typed facade ({@code
 * XRef}) with one cast method per variant and a call method per variant that carries an {@link
 * io.troupe.rpc.RpcReplyPort}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ActorMessage {
  /**
   * The facade's simple name.
   *
   * @return the name; empty (the default) means the interface's name followed by {@code Ref}
   */
  String facadeName() default "";
}
