package io.troupe.processor.generation;

import com.palantir.javapoet.JavaFile;
import io.troupe.processor.model.MessageInterface;

/**
 * Writes one kind of file from a valid model: a pure function that never sees elements and never
 * reports. Each generated kind (facade, and later codec) has its own generator.
 */
public interface Generator {

  /** True if this generator writes a file for {@code model}. */
  boolean appliesTo(MessageInterface model);

  /** The file for {@code model}, which validation accepted. */
  JavaFile generate(MessageInterface model);
}
