package io.troupe.processor.model;

import javax.lang.model.element.TypeElement;

/**
 * A permitted subtype that is neither a record nor an enum (a class or a sub-interface): it
 * cannot be built from a facade method's arguments, so it is always an error.
 *
 * @param element the subtype (for diagnostics)
 * @param description what it is, for the message: "a class", "an interface"
 */
public record UnsupportedVariant(TypeElement element, String description) implements Variant {}
