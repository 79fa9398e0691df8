package io.troupe.processor.model;

import javax.lang.model.element.Element;

/** One permitted subtype of a message interface, as read. */
public sealed interface Variant permits MethodVariant, UnsupportedVariant {

  /** The element problems with this variant are reported on. */
  Element element();
}
