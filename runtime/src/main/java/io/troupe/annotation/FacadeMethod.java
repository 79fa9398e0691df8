package io.troupe.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the facade method the processor writes for one variant of an {@link ActorMessage} or {@link
 * ClusterMessage} interface, instead of the variant's simple name in lowerCamelCase. Put it on a
 * record variant, or on one constant of an enum variant. Use it when the derived name clashes with
 * another variant's method, with a method every facade has ({@code of}, {@code from}, {@code ref},
 * {@code equals}, {@code hashCode}, {@code toString}), or with a Java keyword.
 *
 * <p>For a variant with a reply port the processor also writes {@code value() + "Async"}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD})
public @interface FacadeMethod {
  /**
   * The method's name.
   *
   * @return a Java identifier that is not a keyword
   */
  String value();
}
