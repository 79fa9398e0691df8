package io.troupe.processor.model;

/** A variant the facade can send: it gets one method (two for a call). */
public sealed interface MethodVariant extends Variant permits RecordVariant, EnumConstantVariant {

  /** The facade method's name (derived, or from {@code @FacadeMethod}). */
  String methodName();

  /** Where {@link #methodName} came from. */
  NameSource nameSource();

  /** False if the variant fixes the type arguments of a generic interface. */
  boolean typeArgumentsMatch();

  /** Whether the facade, in the interface's package, can name the variant. */
  MessageInterface.Visibility visibility();

  /** How a variant's method name was chosen, so errors can say how to fix it. */
  enum NameSource {
    /** From the variant's simple name (or the enum constant's name). */
    DERIVED,
    /** From {@code @FacadeMethod}. */
    ANNOTATION
  }
}
