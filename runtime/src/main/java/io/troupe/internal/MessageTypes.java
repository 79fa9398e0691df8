package io.troupe.internal;

import io.troupe.Actor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the message class {@code M} an {@link Actor} implementation declares, so a message of
 * another type sent through an unchecked or raw ref is refused at the sender instead of crashing
 * the actor. Resolved once per behaviour class, following type arguments through superclasses and
 * superinterfaces ({@code class Door extends StateMachine<DoorMsg, ...>} declares {@code DoorMsg});
 * a {@link BehaviourWrapper} declares what the behaviour it runs declares. {@code Object} when the
 * class does not name a concrete type (a lambda-built or generic behaviour), which turns the check
 * off.
 */
final class MessageTypes {
  private MessageTypes() {}

  private static final ClassValue<Class<?>> DECLARED =
      new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
          Class<?> found = find(type, Map.of());
          return found == null ? Object.class : found;
        }
      };

  static Class<?> of(Actor<?, ?, ?> behaviour) {
    if (behaviour instanceof BehaviourWrapper wrapper) {
      return of(wrapper.wrapped());
    }
    return DECLARED.get(behaviour.getClass());
  }

  /**
   * The message class {@code type} gives {@code Actor}'s first type argument, with {@code bindings}
   * for the type variables of {@code type}; null if {@code type} does not implement {@code Actor}
   * at all.
   */
  private static Class<?> find(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
    for (Type t : type.getGenericInterfaces()) {
      Class<?> found = visit(t, bindings);
      if (found != null) {
        return found;
      }
    }
    Type sup = type.getGenericSuperclass();
    return sup == null ? null : visit(sup, bindings);
  }

  private static Class<?> visit(Type t, Map<TypeVariable<?>, Type> bindings) {
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (raw == Actor.class) {
        return classOf(resolve(args[0], bindings));
      }
      TypeVariable<?>[] params = raw.getTypeParameters();
      Map<TypeVariable<?>, Type> inner = new HashMap<>();
      for (int i = 0; i < params.length && i < args.length; i++) {
        inner.put(params[i], resolve(args[i], bindings));
      }
      return find(raw, inner);
    }
    if (t instanceof Class<?> c) {
      return c == Actor.class ? Object.class : find(c, Map.of()); // a raw supertype binds nothing
    }
    return null;
  }

  private static Type resolve(Type t, Map<TypeVariable<?>, Type> bindings) {
    Type bound = t instanceof TypeVariable<?> v ? bindings.get(v) : null;
    return bound == null ? t : bound;
  }

  private static Class<?> classOf(Type m) {
    if (m instanceof Class<?> cls) {
      return cls;
    }
    if (m instanceof ParameterizedType pm && pm.getRawType() instanceof Class<?> raw) {
      return raw;
    }
    return Object.class; // a type variable nobody bound, or a wildcard
  }
}
