package io.troupe.processor.validation;

import com.palantir.javapoet.ClassName;
import io.troupe.processor.Names;
import io.troupe.processor.model.Component;
import io.troupe.processor.model.EnumConstantVariant;
import io.troupe.processor.model.MessageInterface;
import io.troupe.processor.model.MessageInterface.Shape;
import io.troupe.processor.model.MessageInterface.Visibility;
import io.troupe.processor.model.MessageKind;
import io.troupe.processor.model.MethodVariant;
import io.troupe.processor.model.RecordVariant;
import io.troupe.processor.model.UnsupportedVariant;
import io.troupe.processor.model.Variant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides whether a facade can be generated from a model, reporting every problem on the element
 * that causes it, each with a way to fix it. Remembers the facades claimed so far, so two
 * interfaces cannot write the same class.
 */
public final class ModelValidator {
  private final ErrorReporter reporter;
  private final Map<ClassName, ClassName> facadeOwners = new HashMap<>();
  private final Map<ClassName, ClassName> codecOwners = new HashMap<>();

  public ModelValidator(ErrorReporter reporter) {
    this.reporter = reporter;
  }

  /** Reports every problem of {@code model}; true if there was none. */
  public boolean validate(MessageInterface model) {
    int before = reporter.errorCount();
    String annotation = annotationName(model);
    String type = model.name().simpleName();
    if (model.shape() != Shape.SEALED_INTERFACE) {
      checkShape(model, annotation, type);
      return false;
    }
    if (model.kinds().size() > 1) {
      reporter.error(
          model.element(),
          "%s carries both @ActorMessage and @ClusterMessage; keep only @ClusterMessage, which implies @ActorMessage."
              .formatted(type));
    }
    if (!model.facadeOption().isEmpty() && !Names.isValidClassName(model.facadeOption())) {
      reporter.error(
          model.element(),
          model.annotation(),
          "facadeName \"%s\" is not a valid class name; use a Java identifier such as \"%sRef\"."
              .formatted(model.facadeOption(), type));
    }
    if (model.visibility() == Visibility.PRIVATE) {
      reporter.error(
          model.element(),
          "%s is private (or nested in a private type), so its facade %s in package %s cannot use it; make it package-private or public."
              .formatted(type, model.facade().simpleName(), packageName(model)));
    }
    for (Variant variant : model.variants()) {
      checkVariant(model, variant);
    }
    checkMethodNames(model);
    if (model.kind() == MessageKind.CLUSTER) {
      if (!model.typeVariables().isEmpty()) {
        // The receiving node picks the codec by the message's class, which carries no type
        // arguments: it could not know how to decode a T.
        reporter.error(
            model.element(),
            model.annotation(),
            "A @ClusterMessage interface cannot be generic: a receiving node finds the codec by %s's class, which does not say what %s is; give the components concrete types, or use @ActorMessage for local-only messages."
                .formatted(model.name().simpleName(), model.typeVariables().getFirst()));
      } else {
        model.variants().stream()
            .filter(RecordVariant.class::isInstance)
            .map(RecordVariant.class::cast)
            .forEach(record -> checkCodecs(model, record));
        checkVariantNames(model);
        claimCodec(model);
      }
    }
    claimFacade(model, annotation);
    return reporter.errorCount() == before;
  }

  /**
   * Under {@code @ClusterMessage} every argument and every answer needs a codec, and field numbers
   * must be valid and distinct within a variant.
   */
  private void checkCodecs(MessageInterface model, RecordVariant record) {
    java.util.Map<Integer, String> tags = new java.util.HashMap<>();
    for (Component component : record.components()) {
      io.troupe.processor.model.CodecShape shape = component.isReplyPort() ? component.replyCodec() : component.codec();
      io.troupe.processor.model.CodecShape.Unsupported missing = shape == null ? null : shape.firstUnsupported();
      if (missing != null) {
        reporter.error(
            component.element(),
            "%s of %s has no codec for %s, so @ClusterMessage %s cannot send it; use a supported type (primitives and boxes, String, byte[], enums, UUID, Instant, Duration, Optional, List, Set, Map, records, protobuf messages) or bind a BytesCodec with @WithCodec."
                .formatted(component.isReplyPort() ? "The answer of component " + component.name() : "Component " + component.name(),
                    describe(record), missing.why(), model.name().simpleName()));
      } else if (shape != null) {
        String nested = nestedNumberProblem(shape);
        if (nested != null) {
          reporter.error(
              component.element(),
              "%s of %s holds %s"
                  .formatted(component.isReplyPort() ? "The answer of component " + component.name() : "Component " + component.name(),
                      describe(record), nested));
        }
      }
      if (component.isReplyPort()) {
        continue;
      }
      int tag = component.tag();
      if (!validFieldNumber(tag)) {
        reporter.error(
            component.element(),
            "@Tag(%d) on component %s of %s is not a valid protobuf field number; use 1 to 536870911, outside 19000-19999."
                .formatted(tag, component.name(), describe(record)));
      } else if (tags.putIfAbsent(tag, component.name()) != null) {
        reporter.error(
            component.element(),
            "Component %s of %s has field number %d, like component %s; give each component its own @Tag."
                .formatted(component.name(), describe(record), tag, tags.get(tag)));
      }
    }
  }

  private static boolean validFieldNumber(int number) {
    return number >= 1 && number <= 536_870_911 && (number < 19_000 || number > 19_999);
  }

  /** The first invalid or repeated field number in the records nested in {@code shape}, described; or null. */
  private static String nestedNumberProblem(io.troupe.processor.model.CodecShape shape) {
    return switch (shape) {
      case io.troupe.processor.model.CodecShape.ListOf l -> nestedNumberProblem(l.element());
      case io.troupe.processor.model.CodecShape.SetOf s -> nestedNumberProblem(s.element());
      case io.troupe.processor.model.CodecShape.OptionalOf o -> nestedNumberProblem(o.element());
      case io.troupe.processor.model.CodecShape.MapOf m ->
          nestedNumberProblem(m.key()) != null ? nestedNumberProblem(m.key()) : nestedNumberProblem(m.value());
      case io.troupe.processor.model.CodecShape.RecordOf r -> {
        Map<Integer, String> numbers = new HashMap<>();
        for (io.troupe.processor.model.CodecShape.Field f : r.fields()) {
          if (!validFieldNumber(f.number())) {
            yield "the record %s, whose component %s has @Tag(%d), not a valid protobuf field number; use 1 to 536870911, outside 19000-19999."
                .formatted(r.raw().canonicalName(), f.name(), f.number());
          }
          String previous = numbers.putIfAbsent(f.number(), f.name());
          if (previous != null) {
            yield "the record %s, whose components %s and %s both have field number %d; give each component its own @Tag."
                .formatted(r.raw().canonicalName(), previous, f.name(), f.number());
          }
        }
        String deeper = null;
        for (io.troupe.processor.model.CodecShape.Field f : r.fields()) {
          deeper = deeper != null ? deeper : nestedNumberProblem(f.shape());
        }
        yield deeper;
      }
      default -> null;
    };
  }

  private void checkShape(MessageInterface model, String annotation, String type) {
    String fix = "declare it as `sealed interface %s` whose variants are records or enums.".formatted(type);
    String message =
        switch (model.shape()) {
          case UNSEALED_INTERFACE ->
              "%s must be sealed so its facade covers every message: declare it `sealed interface %s` and list its variants with `permits` (or declare them in the same file)."
                  .formatted(type, type);
          case CLASS -> "%s applies to sealed interfaces, but %s is a class; %s".formatted(annotation, type, fix);
          case ENUM -> "%s applies to sealed interfaces, but %s is an enum; %s".formatted(annotation, type, fix);
          case RECORD -> "%s applies to sealed interfaces, but %s is a record; %s".formatted(annotation, type, fix);
          case ANNOTATION_TYPE ->
              "%s applies to sealed interfaces, but %s is an annotation type; %s".formatted(annotation, type, fix);
          case SEALED_INTERFACE -> throw new AssertionError("a sealed interface has the right shape");
        };
    reporter.error(model.element(), message);
  }

  private void checkVariant(MessageInterface model, Variant variant) {
    String type = model.name().simpleName();
    switch (variant) {
      case UnsupportedVariant unsupported -> checkUnsupported(model, unsupported);
      case RecordVariant record -> {
        checkVisible(model, record, record.type());
        checkComponentTypes(model, record);
        List<Component> ports = record.replyPorts();
        for (Component extra : ports.subList(Math.min(1, ports.size()), ports.size())) {
          reporter.error(
              extra.element(),
              "%s has more than one RpcReplyPort (%s); a call has one answer, so keep one reply port and return several values in a record."
                  .formatted(describe(record), ports.stream().map(Component::name).collect(Collectors.joining(", "))));
        }
        if (!record.typeArgumentsMatch()) {
          String vars = typeVariables(model);
          reporter.error(
              record.element(),
              "%s must pass %s's type parameters through as its own, so %s<%s> can send it: declare `record %s<%s>(...) implements %s<%s>`."
                  .formatted(describe(record), type, model.facade().simpleName(), vars,
                      record.type().simpleName(), vars, type, vars));
        }
      }
      case EnumConstantVariant constant -> {
        checkVisible(model, constant, constant.enumType());
        if (!constant.typeArgumentsMatch()) {
          String vars = typeVariables(model);
          reporter.error(
              constant.element(),
              "%s is an enum constant, but %s is generic and an enum cannot carry its type parameters; make %s a record `record %s<%s>() implements %s<%s>`."
                  .formatted(describe(constant), type, constant.enumType().simpleName(),
                      constant.enumType().simpleName(), vars, type, vars));
        }
      }
    }
  }

  private void checkUnsupported(MessageInterface model, UnsupportedVariant unsupported) {
    String type = model.name().simpleName();
    String variant = unsupported.element().getSimpleName().toString();
    String rule =
        "every variant of %s must be a record or an enum (or a sealed interface of them) so its facade can build it from arguments"
            .formatted(type);
    reporter.error(
        unsupported.element(),
        switch (unsupported.reason()) {
          case CLASS -> "%s is a class, but %s; make %s a record.".formatted(variant, rule, variant);
          case UNSEALED_INTERFACE ->
              "%s is an interface that is not sealed, but %s; make %s sealed, or a record."
                  .formatted(variant, rule, variant);
          case TYPE_ARGUMENTS_NOT_PASSED_THROUGH -> {
            String vars = typeVariables(model);
            yield "%s must pass %s's type parameters through as its own, so %s<%s> can send its variants: declare `sealed interface %s<%s> extends %s<%s>`."
                .formatted(variant, type, model.facade().simpleName(), vars, variant, vars, type, vars);
          }
        });
  }

  private void checkVisible(MessageInterface model, MethodVariant variant, ClassName variantType) {
    // A private interface was reported already; its nested variants share the cause.
    if (variant.visibility() == Visibility.PRIVATE && model.visibility() != Visibility.PRIVATE) {
      reporter.error(
          variant.element(),
          "%s is private (or nested in a private type), so the facade %s cannot send it; make it package-private or public."
              .formatted(variantType.simpleName(), model.facade().simpleName()));
    }
  }

  private void checkComponentTypes(MessageInterface model, RecordVariant record) {
    for (Component component : record.components()) {
      Component.Hidden hidden = component.hidden();
      if (hidden == null || model.visibility() == Visibility.PRIVATE) {
        continue;
      }
      String type = String.join(".", hidden.type().simpleNames());
      reporter.error(
          component.element(),
          hidden.visibility() == Visibility.PRIVATE
              ? "Component %s of %s has type %s, which is private (or nested in a private type), so the facade %s cannot name it; make %s package-private or public."
                  .formatted(component.name(), describe(record), type, model.facade().simpleName(), type)
              : "Component %s of %s has type %s, which is not public and lives in package %s, so the facade %s cannot name it; make %s public."
                  .formatted(component.name(), describe(record), type, hidden.type().packageName(),
                      model.facade().simpleName(), type));
    }
  }

  /**
   * Every facade method name must be a usable identifier, must not be one of the facade's own
   * methods, and must belong to one variant only (overloads would make calls ambiguous to read).
   */
  private void checkMethodNames(MessageInterface model) {
    Map<String, MethodVariant> owners = new LinkedHashMap<>();
    for (Variant variant : model.variants()) {
      if (!(variant instanceof MethodVariant method)) {
        continue;
      }
      String name = method.methodName();
      if (!Names.isValidMethodName(name)) {
        reporter.error(
            method.element(),
            method.nameSource() == MethodVariant.NameSource.ANNOTATION
                ? "@FacadeMethod(\"%s\") on %s is not a valid method name; use a Java identifier that is not a keyword."
                    .formatted(name, describe(method))
                : "The facade method for %s would be named `%s`, which is a Java keyword; %s"
                    .formatted(describe(method), name, renameHint(method)));
        continue;
      }
      for (String generated : generatedNames(method)) {
        if (Names.FACADE_OWN_METHODS.contains(generated)) {
          reporter.error(
              method.element(),
              "The facade method for %s would be named `%s`, which every facade already has; %s"
                  .formatted(describe(method), generated, renameHint(method)));
          continue;
        }
        MethodVariant owner = owners.putIfAbsent(generated, method);
        if (owner != null && owner != method) {
          reporter.error(
              method.element(),
              "The facade method `%s` for %s clashes with the one written for %s; %s"
                  .formatted(generated, describe(method), describe(owner), renameHint(method)));
        }
      }
    }
  }

  /** Variants travel by name (a record's simple name), so two with one name could not be told apart. */
  private void checkVariantNames(MessageInterface model) {
    Map<String, ClassName> names = new HashMap<>();
    for (Variant variant : model.variants()) {
      if (variant instanceof RecordVariant record) {
        ClassName previous = names.putIfAbsent(record.type().simpleName(), record.type());
        if (previous != null) {
          reporter.error(
              record.element(),
              "%s and %s are both named %s, and @ClusterMessage sends a variant by its simple name; rename one."
                  .formatted(previous.canonicalName(), record.type().canonicalName(), record.type().simpleName()));
        }
      }
    }
  }

  private void claimCodec(MessageInterface model) {
    ClassName codec = ClassName.get(model.name().packageName(), Names.codec(model.name().simpleName()));
    ClassName previous = codecOwners.putIfAbsent(codec, model.name());
    if (previous != null && !previous.equals(model.name())) {
      reporter.error(
          model.element(),
          model.annotation(),
          "%s and %s would both get the codec %s (codecs are named after the interface, in its package); rename one or move it to another package."
              .formatted(previous.canonicalName(), model.name().canonicalName(), codec.canonicalName()));
    }
  }

  private void claimFacade(MessageInterface model, String annotation) {
    ClassName previous = facadeOwners.putIfAbsent(model.facade(), model.name());
    if (previous != null && !previous.equals(model.name())) {
      reporter.error(
          model.element(),
          model.annotation(),
          "%s and %s would both get the facade %s; name one of them with %s(facadeName = \"...\")."
              .formatted(previous.canonicalName(), model.name().canonicalName(),
                  model.facade().canonicalName(), annotation));
    }
  }

  private static List<String> generatedNames(MethodVariant method) {
    return method instanceof RecordVariant record && record.isCall()
        ? List.of(record.methodName(), Names.async(record.methodName()))
        : List.of(method.methodName());
  }

  private static String renameHint(MethodVariant method) {
    return switch (method) {
      case RecordVariant r ->
          "rename %s or annotate it with @FacadeMethod(\"otherName\").".formatted(r.type().simpleName());
      case EnumConstantVariant c ->
          "rename %s or annotate the constant with @FacadeMethod(\"otherName\").".formatted(c.constant());
    };
  }

  private static String describe(MethodVariant method) {
    return switch (method) {
      case RecordVariant r -> String.join(".", r.type().simpleNames());
      case EnumConstantVariant c -> String.join(".", c.enumType().simpleNames()) + "." + c.constant();
    };
  }

  private static String typeVariables(MessageInterface model) {
    return model.typeVariables().stream().map(v -> v.name()).collect(Collectors.joining(", "));
  }

  private static String packageName(MessageInterface model) {
    return model.name().packageName().isEmpty() ? "(the unnamed package)" : model.name().packageName();
  }

  private static String annotationName(MessageInterface model) {
    return model.kind() == MessageKind.CLUSTER ? "@ClusterMessage" : "@ActorMessage";
  }
}
