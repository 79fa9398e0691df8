package io.troupe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Like {@link ActorMessage}, for messages that may cross the network: the processor also writes a
 * byte codec ({@code XCodec}) so remote refs of this type can be made typed.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ClusterMessage {
  /**
   * The facade's simple name.
   *
   * @return the name; empty (the default) means the interface's name followed by {@code Ref}
   */
  String facadeName() default "";
}
