package io.troupe.processor.model;

import javax.lang.model.element.TypeElement;

/**
 * A permitted subtype that is neither a record nor an enum, nor a sealed sub-interface the reader
 * could flatten: it cannot be built from a facade method's arguments, so it is always an error.
 *
 * @param element the subtype (for diagnostics)
 * @param description what it is, for the message: "a class", "an interface that is not sealed"
 */
public record UnsupportedVariant(TypeElement element, String description) implements Variant {}
