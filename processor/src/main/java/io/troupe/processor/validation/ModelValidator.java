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
  private final Map<ClassName, ClassName> handlerOwners = new HashMap<>();

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
      reporter.error(model.element(), CompileError.BOTH_ANNOTATIONS, type);
    }
    if (!model.facadeOption().isEmpty() && !Names.isValidClassName(model.facadeOption())) {
      reporter.error(
          model.element(),
          model.annotation(),
          CompileError.INVALID_FACADE_NAME,
          model.facadeOption(),
          type);
    }
    if (model.visibility() == Visibility.PRIVATE) {
      reporter.error(
          model.element(),
          CompileError.PRIVATE_INTERFACE,
          type,
          model.facade().simpleName(),
          packageName(model));
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
            CompileError.GENERIC_CLUSTER_MESSAGE,
            model.name().simpleName(),
            model.typeVariables().getFirst());
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
      io.troupe.processor.model.CodecShape shape =
          component.isReplyPort() ? component.replyCodec() : component.codec();
      io.troupe.processor.model.CodecShape.Unsupported missing =
          shape == null ? null : shape.firstUnsupported();
      if (missing != null) {
        reporter.error(
            component.element(),
            CompileError.NO_CODEC,
            subject(component),
            describe(record),
            missing.why(),
            model.name().simpleName());
      } else if (shape != null) {
        NestedProblem nested = nestedNumberProblem(shape);
        if (nested != null) {
          List<Object> arguments =
              new java.util.ArrayList<>(List.of(subject(component), describe(record)));
          arguments.addAll(nested.arguments());
          reporter.error(component.element(), nested.error(), arguments.toArray());
        }
      }
      if (component.isReplyPort()) {
        continue;
      }
      int tag = component.tag();
      if (!validFieldNumber(tag)) {
        reporter.error(
            component.element(), CompileError.INVALID_TAG, tag, component.name(), describe(record));
      } else if (tags.putIfAbsent(tag, component.name()) != null) {
        reporter.error(
            component.element(),
            CompileError.DUPLICATE_TAG,
            component.name(),
            describe(record),
            tag,
            tags.get(tag));
      }
    }
  }

  private static boolean validFieldNumber(int number) {
    return number >= 1 && number <= 536_870_911 && (number < 19_000 || number > 19_999);
  }

  /** "Component x" or "The answer of component x": what a codec error is about. */
  private static String subject(Component component) {
    return (component.isReplyPort() ? "The answer of component " : "Component ") + component.name();
  }

  /**
   * A field-number problem inside a nested record: the error and its arguments after the subject
   * and variant.
   */
  private record NestedProblem(CompileError error, List<Object> arguments) {}

  /** The first invalid or repeated field number in the records nested in {@code shape}; or null. */
  private static NestedProblem nestedNumberProblem(io.troupe.processor.model.CodecShape shape) {
    return switch (shape) {
      case io.troupe.processor.model.CodecShape.ListOf l -> nestedNumberProblem(l.element());
      case io.troupe.processor.model.CodecShape.SetOf s -> nestedNumberProblem(s.element());
      case io.troupe.processor.model.CodecShape.OptionalOf o -> nestedNumberProblem(o.element());
      case io.troupe.processor.model.CodecShape.MapOf m ->
          nestedNumberProblem(m.key()) != null
              ? nestedNumberProblem(m.key())
              : nestedNumberProblem(m.value());
      case io.troupe.processor.model.CodecShape.RecordOf r -> {
        Map<Integer, String> numbers = new HashMap<>();
        for (io.troupe.processor.model.CodecShape.Field f : r.fields()) {
          if (!validFieldNumber(f.number())) {
            yield new NestedProblem(
                CompileError.NESTED_INVALID_TAG,
                List.of(r.raw().canonicalName(), f.name(), f.number()));
          }
          String previous = numbers.putIfAbsent(f.number(), f.name());
          if (previous != null) {
            yield new NestedProblem(
                CompileError.NESTED_DUPLICATE_TAG,
                List.of(r.raw().canonicalName(), previous, f.name(), f.number()));
          }
        }
        NestedProblem deeper = null;
        for (io.troupe.processor.model.CodecShape.Field f : r.fields()) {
          deeper = deeper != null ? deeper : nestedNumberProblem(f.shape());
        }
        yield deeper;
      }
      default -> null;
    };
  }

  private void checkShape(MessageInterface model, String annotation, String type) {
    switch (model.shape()) {
      case UNSEALED_INTERFACE ->
          reporter.error(model.element(), CompileError.NOT_SEALED, type, type);
      case CLASS ->
          reporter.error(
              model.element(), CompileError.NOT_AN_INTERFACE, annotation, type, "a class", type);
      case ENUM ->
          reporter.error(
              model.element(), CompileError.NOT_AN_INTERFACE, annotation, type, "an enum", type);
      case RECORD ->
          reporter.error(
              model.element(), CompileError.NOT_AN_INTERFACE, annotation, type, "a record", type);
      case ANNOTATION_TYPE ->
          reporter.error(
              model.element(),
              CompileError.NOT_AN_INTERFACE,
              annotation,
              type,
              "an annotation type",
              type);
      case SEALED_INTERFACE -> throw new AssertionError("a sealed interface has the right shape");
    }
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
              CompileError.TWO_REPLY_PORTS,
              describe(record),
              ports.stream().map(Component::name).collect(Collectors.joining(", ")));
        }
        if (!record.typeArgumentsMatch()) {
          String vars = typeVariables(model);
          reporter.error(
              record.element(),
              CompileError.RECORD_TYPE_PARAMETERS,
              describe(record),
              type,
              model.facade().simpleName(),
              vars,
              record.type().simpleName(),
              vars,
              type,
              vars);
        }
      }
      case EnumConstantVariant constant -> {
        checkVisible(model, constant, constant.enumType());
        if (!constant.typeArgumentsMatch()) {
          String vars = typeVariables(model);
          reporter.error(
              constant.element(),
              CompileError.ENUM_IN_GENERIC_INTERFACE,
              describe(constant),
              type,
              constant.enumType().simpleName(),
              constant.enumType().simpleName(),
              vars,
              type,
              vars);
        }
      }
    }
  }

  private void checkUnsupported(MessageInterface model, UnsupportedVariant unsupported) {
    String type = model.name().simpleName();
    String variant = unsupported.element().getSimpleName().toString();
    switch (unsupported.reason()) {
      case CLASS ->
          reporter.error(
              unsupported.element(), CompileError.VARIANT_IS_A_CLASS, variant, type, variant);
      case UNSEALED_INTERFACE ->
          reporter.error(
              unsupported.element(), CompileError.VARIANT_NOT_SEALED, variant, type, variant);
      case TYPE_ARGUMENTS_NOT_PASSED_THROUGH -> {
        String vars = typeVariables(model);
        reporter.error(
            unsupported.element(),
            CompileError.SUB_INTERFACE_TYPE_PARAMETERS,
            variant,
            type,
            model.facade().simpleName(),
            vars,
            variant,
            vars,
            type,
            vars);
      }
    }
  }

  private void checkVisible(MessageInterface model, MethodVariant variant, ClassName variantType) {
    // A private interface was reported already; its nested variants share the cause.
    if (variant.visibility() == Visibility.PRIVATE && model.visibility() != Visibility.PRIVATE) {
      reporter.error(
          variant.element(),
          CompileError.PRIVATE_VARIANT,
          variantType.simpleName(),
          model.facade().simpleName());
    }
  }

  private void checkComponentTypes(MessageInterface model, RecordVariant record) {
    for (Component component : record.components()) {
      Component.Hidden hidden = component.hidden();
      if (hidden == null || model.visibility() == Visibility.PRIVATE) {
        continue;
      }
      String type = String.join(".", hidden.type().simpleNames());
      if (hidden.visibility() == Visibility.PRIVATE) {
        reporter.error(
            component.element(),
            CompileError.PRIVATE_COMPONENT_TYPE,
            component.name(),
            describe(record),
            type,
            model.facade().simpleName(),
            type);
      } else {
        reporter.error(
            component.element(),
            CompileError.NON_PUBLIC_COMPONENT_TYPE,
            component.name(),
            describe(record),
            type,
            hidden.type().packageName(),
            model.facade().simpleName(),
            type);
      }
    }
  }

  /**
   * Every facade method name must be a usable identifier, must not be one of the facade's own
   * methods, and must belong to one variant only (overloads would make calls ambiguous to read).
   */
  private void checkMethodNames(MessageInterface model) {
    Map<String, MethodVariant> owners = new LinkedHashMap<>();
    Map<String, MethodVariant> handlerOwners = new LinkedHashMap<>();
    for (Variant variant : model.variants()) {
      if (!(variant instanceof MethodVariant method)) {
        continue;
      }
      String name = method.methodName();
      if (!Names.isValidMethodName(name)) {
        if (method.nameSource() == MethodVariant.NameSource.ANNOTATION) {
          reporter.error(
              method.element(), CompileError.INVALID_FACADE_METHOD_NAME, name, describe(method));
        } else {
          reporter.error(
              method.element(),
              CompileError.KEYWORD_METHOD_NAME,
              describe(method),
              name,
              renameHint(method));
        }
        continue;
      }
      for (String generated : generatedNames(method)) {
        if (Names.FACADE_OWN_METHODS.contains(generated)) {
          reporter.error(
              method.element(),
              CompileError.RESERVED_METHOD_NAME,
              describe(method),
              generated,
              renameHint(method));
          continue;
        }
        MethodVariant owner = owners.putIfAbsent(generated, method);
        if (owner != null && owner != method) {
          reporter.error(
              method.element(),
              CompileError.METHOD_NAME_CLASH,
              generated,
              describe(method),
              describe(owner),
              renameHint(method));
          continue;
        }
        // Distinct facade names can still meet in the handler: `x` and `X` both give onX.
        if (generated.equals(method.methodName())) {
          String handlerMethod = Names.handlerMethod(generated);
          MethodVariant handlerOwner = handlerOwners.putIfAbsent(handlerMethod, method);
          if (handlerOwner != null) {
            reporter.error(
                method.element(),
                CompileError.HANDLER_METHOD_NAME_CLASH,
                handlerMethod,
                describe(method),
                describe(handlerOwner),
                renameHint(method));
          }
        }
      }
    }
  }

  /**
   * Variants travel by name (a record's simple name), so two with one name could not be told apart.
   */
  private void checkVariantNames(MessageInterface model) {
    Map<String, ClassName> names = new HashMap<>();
    for (Variant variant : model.variants()) {
      if (variant instanceof RecordVariant record) {
        ClassName previous = names.putIfAbsent(record.type().simpleName(), record.type());
        if (previous != null) {
          reporter.error(
              record.element(),
              CompileError.DUPLICATE_VARIANT_NAME,
              previous.canonicalName(),
              record.type().canonicalName(),
              record.type().simpleName());
        }
      }
    }
  }

  private void claimCodec(MessageInterface model) {
    ClassName codec =
        ClassName.get(model.name().packageName(), Names.codec(model.name().simpleName()));
    ClassName previous = codecOwners.putIfAbsent(codec, model.name());
    if (previous != null && !previous.equals(model.name())) {
      reporter.error(
          model.element(),
          model.annotation(),
          CompileError.CODEC_NAME_CLASH,
          previous.canonicalName(),
          model.name().canonicalName(),
          codec.canonicalName());
    }
  }

  private void claimFacade(MessageInterface model, String annotation) {
    ClassName previous = facadeOwners.putIfAbsent(model.facade(), model.name());
    if (previous == null || previous.equals(model.name())) {
      ClassName previousHandler = handlerOwners.putIfAbsent(model.handler(), model.name());
      if (previousHandler != null && !previousHandler.equals(model.name())) {
        reporter.error(
            model.element(),
            model.annotation(),
            CompileError.HANDLER_NAME_CLASH,
            previousHandler.canonicalName(),
            model.name().canonicalName(),
            model.handler().canonicalName());
      }
      return;
    }
    reporter.error(
        model.element(),
        model.annotation(),
        CompileError.FACADE_NAME_CLASH,
        previous.canonicalName(),
        model.name().canonicalName(),
        model.facade().canonicalName(),
        annotation);
  }

  private static List<String> generatedNames(MethodVariant method) {
    return method instanceof RecordVariant record && record.isCall()
        ? List.of(record.methodName(), Names.async(record.methodName()))
        : List.of(method.methodName());
  }

  private static String renameHint(MethodVariant method) {
    return switch (method) {
      case RecordVariant r ->
          "rename %s or annotate it with @FacadeMethod(\"otherName\")."
              .formatted(r.type().simpleName());
      case EnumConstantVariant c ->
          "rename %s or annotate the constant with @FacadeMethod(\"otherName\")."
              .formatted(c.constant());
    };
  }

  private static String describe(MethodVariant method) {
    return switch (method) {
      case RecordVariant r -> String.join(".", r.type().simpleNames());
      case EnumConstantVariant c ->
          String.join(".", c.enumType().simpleNames()) + "." + c.constant();
    };
  }

  private static String typeVariables(MessageInterface model) {
    return model.typeVariables().stream().map(v -> v.name()).collect(Collectors.joining(", "));
  }

  private static String packageName(MessageInterface model) {
    return model.name().packageName().isEmpty()
        ? "(the unnamed package)"
        : model.name().packageName();
  }

  private static String annotationName(MessageInterface model) {
    return model.kind() == MessageKind.CLUSTER ? "@ClusterMessage" : "@ActorMessage";
  }
}
