package io.troupe.codec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a user {@link BytesCodec} (with a public no-argument constructor) to a type or a record
 * component.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.TYPE,
  ElementType.RECORD_COMPONENT,
  ElementType.PARAMETER,
  ElementType.FIELD,
  ElementType.METHOD
})
public @interface WithCodec {
  /**
   * The codec's class.
   *
   * @return a {@link BytesCodec} implementation with a public no-argument constructor
   */
  @SuppressWarnings("rawtypes")
  Class<? extends BytesCodec> value();
}
