package io.troupe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Like {@link ActorMessage}, for messages that may cross the network: the processor also writes a
 * byte codec ({@code XCodec}) so remote refs of this type can be made typed.
 *
 * <p>Kept at run time so that a node can tell an interface meant for the cluster whose codec is
 * missing (the processor did not run) from a local-only one: it logs a WARNING when it would
 * advertise an actor of such a type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ClusterMessage {
  /**
   * The facade's simple name.
   *
   * @return the name; empty (the default) means the interface's name followed by {@code Ref}
   */
  String facadeName() default "";
}
