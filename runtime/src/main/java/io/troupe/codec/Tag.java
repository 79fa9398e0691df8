package io.troupe.codec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pins the protobuf field number of a record component (by default its position, from 1), so that
 * components can be reordered or removed without changing the bytes of the others.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.PARAMETER,
  ElementType.FIELD,
  ElementType.METHOD
})
public @interface Tag {
  /**
   * The field number.
   *
   * @return 1 to 536,870,911, excluding 19,000-19,999 (reserved by protobuf)
   */
  int value();
}
