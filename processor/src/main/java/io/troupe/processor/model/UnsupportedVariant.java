package io.troupe.processor.model;

import javax.lang.model.element.TypeElement;

/**
 * A permitted subtype the facade cannot send: neither a record nor an enum, nor a sealed
 * sub-interface that can be flattened. It is always an error.
 *
 * @param element the subtype (for diagnostics)
 * @param reason why it cannot be sent
 */
public record UnsupportedVariant(TypeElement element, Reason reason) implements Variant {

  /** Why a permitted subtype cannot be sent. */
  public enum Reason {
    /** A class: the facade cannot know how to build it. */
    CLASS,
    /** An interface that is not sealed: its subtypes cannot be listed. */
    UNSEALED_INTERFACE,
    /**
     * A sealed sub-interface that fixes, repeats or adds type parameters of a generic interface.
     */
    TYPE_ARGUMENTS_NOT_PASSED_THROUGH
  }
}
