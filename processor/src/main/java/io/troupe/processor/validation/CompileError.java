package io.troupe.processor.validation;

import java.util.Locale;

/**
 * The catalogue of every error the processor reports: each constant is one problem, with a stable
 * {@linkplain #key() key} and the one template its text comes from. Messages read {@code
 * [Troupe/Key] text}, so a user can search for the key and a build can grep for it; a key never
 * changes meaning once released (retire it instead).
 *
 * <p>Adding a constant needs three things, each checked by a test: a failing source under {@code
 * processor/src/test/resources/errors/<Key>/} that reports it (on the line marked {@code //
 * error}), a row in the error table of {@code docs/codegen.md}, and a caller here in {@code
 * validation} or in the processor's entry point.
 */
public enum CompileError {
  /** {@code annotation, type, "a class"/"an enum"/..., type}. */
  NOT_AN_INTERFACE(
      "%s applies to sealed interfaces, but %s is %s; declare it as `sealed interface %s` whose variants are records or enums."),
  /** {@code type, type}. */
  NOT_SEALED(
      "%s must be sealed so its facade covers every message: declare it `sealed interface %s` and list its variants with `permits` (or declare them in the same file)."),
  /** {@code type}. */
  BOTH_ANNOTATIONS(
      "%s carries both @ActorMessage and @ClusterMessage; keep only @ClusterMessage, which implies @ActorMessage."),
  /** {@code facadeName, type}. */
  INVALID_FACADE_NAME(
      "facadeName \"%s\" is not a valid class name; use a Java identifier such as \"%sRef\"."),
  /** {@code type, facade, package}. */
  PRIVATE_INTERFACE(
      "%s is private (or nested in a private type), so its facade %s in package %s cannot use it; make it package-private or public."),
  /** {@code type, first type variable}. */
  GENERIC_CLUSTER_MESSAGE(
      "A @ClusterMessage interface cannot be generic: a receiving node finds the codec by %s's class, which does not say what %s is; give the components concrete types, or use @ActorMessage for local-only messages."),
  /** {@code "Component x"/"The answer of component x", variant, why, interface}. */
  NO_CODEC(
      "%s of %s has no codec for %s, so @ClusterMessage %s cannot send it; use a supported type (primitives and boxes, String, byte[], enums, UUID, Instant, Duration, Optional, List, Set, Map, records, protobuf messages, ActorRef<X> and facades of a @ClusterMessage interface X) or bind a BytesCodec with @WithCodec."),
  /** {@code "Component x"/"The answer of component x", variant, record, component, tag}. */
  NESTED_INVALID_TAG(
      "%s of %s holds the record %s, whose component %s has @Tag(%d), not a valid protobuf field number; use 1 to 536870911, outside 19000-19999."),
  /** {@code "Component x"/"The answer of component x", variant, record, first, second, number}. */
  NESTED_DUPLICATE_TAG(
      "%s of %s holds the record %s, whose components %s and %s both have field number %d; give each component its own @Tag."),
  /** {@code tag, component, variant}. */
  INVALID_TAG(
      "@Tag(%d) on component %s of %s is not a valid protobuf field number; use 1 to 536870911, outside 19000-19999."),
  /** {@code component, variant, number, other component}. */
  DUPLICATE_TAG(
      "Component %s of %s has field number %d, like component %s; give each component its own @Tag."),
  /** {@code variant, interface, variant}. */
  VARIANT_IS_A_CLASS(
      "%s is a class, but every variant of %s must be a record or an enum (or a sealed interface of them) so its facade can build it from arguments; make %s a record."),
  /** {@code variant, interface, variant}. */
  VARIANT_NOT_SEALED(
      "%s is an interface that is not sealed, but every variant of %s must be a record or an enum (or a sealed interface of them) so its facade can build it from arguments; make %s sealed, or a record."),
  /** {@code sub-interface, interface, facade, vars, sub-interface, vars, interface, vars}. */
  SUB_INTERFACE_TYPE_PARAMETERS(
      "%s must pass %s's type parameters through as its own, so %s<%s> can send its variants: declare `sealed interface %s<%s> extends %s<%s>`."),
  /** {@code variant, port names}. */
  TWO_REPLY_PORTS(
      "%s has more than one RpcReplyPort (%s); a call has one answer, so keep one reply port and return several values in a record."),
  /** {@code variant, interface, facade, vars, record, vars, interface, vars}. */
  RECORD_TYPE_PARAMETERS(
      "%s must pass %s's type parameters through as its own, so %s<%s> can send it: declare `record %s<%s>(...) implements %s<%s>`."),
  /** {@code constant, interface, enum, enum, vars, interface, vars}. */
  ENUM_IN_GENERIC_INTERFACE(
      "%s is an enum constant, but %s is generic and an enum cannot carry its type parameters; make %s a record `record %s<%s>() implements %s<%s>`."),
  /** {@code variant, facade}. */
  PRIVATE_VARIANT(
      "%s is private (or nested in a private type), so the facade %s cannot send it; make it package-private or public."),
  /** {@code component, variant, type, facade, type}. */
  PRIVATE_COMPONENT_TYPE(
      "Component %s of %s has type %s, which is private (or nested in a private type), so the facade %s cannot name it; make %s package-private or public."),
  /** {@code component, variant, type, package, facade, type}. */
  NON_PUBLIC_COMPONENT_TYPE(
      "Component %s of %s has type %s, which is not public and lives in package %s, so the facade %s cannot name it; make %s public."),
  /** {@code name, variant}. */
  INVALID_FACADE_METHOD_NAME(
      "@FacadeMethod(\"%s\") on %s is not a valid method name; use a Java identifier that is not a keyword."),
  /** {@code variant, name, rename hint}. */
  KEYWORD_METHOD_NAME("The facade method for %s would be named `%s`, which is a Java keyword; %s"),
  /** {@code variant, name, rename hint}. */
  RESERVED_METHOD_NAME(
      "The facade method for %s would be named `%s`, which every facade already has; %s"),
  /** {@code name, variant, other variant, rename hint}. */
  METHOD_NAME_CLASH("The facade method `%s` for %s clashes with the one written for %s; %s"),
  /** {@code name, variant, other variant, rename hint}. */
  HANDLER_METHOD_NAME_CLASH(
      "The handler method `%s` for %s clashes with the one written for %s (handler methods are the facade's names prefixed with \"on\"); %s"),
  /** {@code first, second, simple name}. */
  DUPLICATE_VARIANT_NAME(
      "%s and %s are both named %s, and @ClusterMessage sends a variant by its simple name; rename one."),
  /** {@code first, second, codec}. */
  CODEC_NAME_CLASH(
      "%s and %s would both get the codec %s (codecs are named after the interface, in its package); rename one or move it to another package."),
  /** {@code first, second, facade, annotation}. */
  FACADE_NAME_CLASH(
      "%s and %s would both get the facade %s; name one of them with %s(facadeName = \"...\")."),
  /** {@code first, second, handler}. */
  HANDLER_NAME_CLASH(
      "%s and %s would both get the handler %s (handlers are named after the facade, Ref replaced by Handler); name one of them with facadeName."),
  /** {@code file, cause}. */
  WRITE_FAILED(
      "Could not write %s: %s. If a class of that name already exists, choose another with facadeName."),
  /** {@code type, throwable}. */
  PROCESSOR_FAILED(
      "The Troupe processor failed on %s (%s). This is a processor bug; please report it with this interface.");

  private final String template;

  CompileError(String template) {
    this.template = template;
  }

  /** The stable key, the constant's name in upper camel case: {@code NOT_SEALED -> NotSealed}. */
  public String key() {
    StringBuilder key = new StringBuilder();
    for (String word : name().split("_")) {
      key.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return key.toString();
  }

  /** The template, with {@code %s}/{@code %d} for the arguments each constant documents. */
  public String template() {
    return template;
  }

  /** The message as reported: {@code [Troupe/Key] } and the filled template. */
  public String format(Object... arguments) {
    return "[Troupe/" + key() + "] " + template.formatted(arguments);
  }
}
