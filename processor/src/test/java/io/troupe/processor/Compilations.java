package io.troupe.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor, as strictly as the examples module does. */
final class Compilations {
  private Compilations() {}

  /**
   * Compiles with every lint but {@code processing} (which only says which annotations no processor
   * claimed), so any warning in generated code shows up.
   */
  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac()
        .withProcessors(new TroupeProcessor())
        .withOptions("-Xlint:all,-processing", "--release", "21")
        .compile(sources);
  }

  /** A source file from {@code src/test/resources/inputs}. */
  static JavaFileObject input(String name) {
    return JavaFileObjects.forSourceString(name.replace(".java", ""), resource("inputs/" + name));
  }

  /** A test resource's text. */
  static String resource(String path) {
    try (InputStream in = Compilations.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
