package io.troupe.processor.model;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.List;
import java.util.Map;

/** Operations on JavaPoet type names that the model needs. */
final class TypeNames {
  private TypeNames() {}

  /** {@code raw<vars...>}, or {@code raw} when there are none. */
  static TypeName parameterized(ClassName raw, List<TypeVariableName> vars) {
    if (vars.isEmpty()) {
      return raw;
    }
    return ParameterizedTypeName.get(
        raw,
        vars.stream().map(v -> (TypeName) TypeVariableName.get(v.name())).toArray(TypeName[]::new));
  }

  /**
   * Replaces type variables by name. A variant's component types speak of the variant's own type
   * variables; the facade speaks of the interface's, so they are renamed on the way in.
   */
  static TypeName substitute(TypeName type, Map<String, TypeName> replacements) {
    if (replacements.isEmpty()) {
      return type;
    }
    return switch (type) {
      case TypeVariableName v -> replacements.getOrDefault(v.name(), v);
      case ParameterizedTypeName p ->
          ParameterizedTypeName.get(
              p.rawType(),
              p.typeArguments().stream()
                  .map(a -> substitute(a, replacements))
                  .toArray(TypeName[]::new));
      case ArrayTypeName a -> ArrayTypeName.of(substitute(a.componentType(), replacements));
      case WildcardTypeName w ->
          w.lowerBounds().isEmpty()
              ? WildcardTypeName.subtypeOf(substitute(w.upperBounds().getFirst(), replacements))
              : WildcardTypeName.supertypeOf(substitute(w.lowerBounds().getFirst(), replacements));
      default -> type;
    };
  }
}
