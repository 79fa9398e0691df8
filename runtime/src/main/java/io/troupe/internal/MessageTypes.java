package io.troupe.internal;

import io.troupe.Actor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Finds the message class {@code M} an {@link Actor} implementation declares, so a message of
 * another type sent through an unchecked or raw ref is refused at the sender instead of crashing
 * the actor. Resolved once per behaviour class; {@code Object} when the class does not name a
 * concrete type (a lambda-built or generic behaviour), which turns the check off.
 */
final class MessageTypes {
  private MessageTypes() {}

  private static final ClassValue<Class<?>> DECLARED =
      new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
          return find(type);
        }
      };

  static Class<?> of(Actor<?, ?, ?> behaviour) {
    return DECLARED.get(behaviour.getClass());
  }

  private static Class<?> find(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Type t : c.getGenericInterfaces()) {
        if (t instanceof ParameterizedType p && p.getRawType() == Actor.class) {
          Type m = p.getActualTypeArguments()[0];
          if (m instanceof Class<?> cls) {
            return cls;
          }
          if (m instanceof ParameterizedType pm && pm.getRawType() instanceof Class<?> raw) {
            return raw;
          }
          return Object.class;
        }
      }
    }
    return Object.class;
  }
}
