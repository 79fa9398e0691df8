package io.troupe.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Compares generated facades, handlers and codecs with the files under {@code
 * src/test/resources/golden}, character for character: generated code is meant to be read, so its
 * layout is part of the contract. Run with {@code -Dtroupe.golden.update=true} to rewrite the
 * golden files after an intended change, then review the diff.
 */
class GoldenFileTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "CounterMsg.java, test.counter.CounterMsgRef",
    "Shapes.java, test.shapes.Library",
    "Box.java, test.box.BoxRef",
    "DoorMsg.java Duration.java, test.door.DoorMsgRef",
    "Account.java, test.account.AccountRef",
    "CounterMsg.java, test.counter.CounterMsgHandler",
    "Shapes.java, test.shapes.LibraryHandler",
    "Box.java, test.box.BoxHandler",
    "DoorMsg.java Duration.java, test.door.DoorMsgHandler",
    "Account.java, test.account.AccountHandler",
    "ShopMsg.java, test.shop.ShopMsgRef",
    "ShopMsg.java, test.shop.ShopMsgHandler",
    "ShopMsg.java, test.shop.ShopMsgCodec",
  })
  void generatedFileMatchesGoldenFile(String inputs, String facade) throws IOException {
    Compilation compilation =
        Compilations.compile(
            Arrays.stream(inputs.split(" "))
                .map(Compilations::input)
                .toArray(JavaFileObject[]::new));
    assertThat(compilation).succeededWithoutWarnings();
    Optional<JavaFileObject> generated = compilation.generatedSourceFile(facade);
    assertTrue(generated.isPresent(), facade + " was not generated");
    matchesGolden(generated.get(), "golden/" + facade.replace('.', '/') + ".java");
  }

  /**
   * Compares {@code generated} with the golden file, or rewrites it under {@code
   * -Dtroupe.golden.update=true}.
   */
  private static void matchesGolden(JavaFileObject generated, String golden) throws IOException {
    String actual = generated.getCharContent(true).toString();
    if (Boolean.getBoolean("troupe.golden.update")) {
      Path file = Path.of("src/test/resources", golden);
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        Compilations.resource(golden),
        actual,
        "generated " + generated.getName() + " differs from " + golden);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "ShopMsg.java, META-INF/troupe/proto/test/shop/ShopMsg.proto",
  })
  void generatedSchemaMatchesGoldenFile(String inputs, String path) throws IOException {
    Compilation compilation =
        Compilations.compile(
            Arrays.stream(inputs.split(" "))
                .map(Compilations::input)
                .toArray(JavaFileObject[]::new));
    assertThat(compilation).succeededWithoutWarnings();
    Optional<JavaFileObject> generated =
        compilation.generatedFile(StandardLocation.CLASS_OUTPUT, path);
    assertTrue(generated.isPresent(), path + " was not generated");
    matchesGolden(
        generated.get(),
        "golden/" + path.substring(path.lastIndexOf("proto/") + "proto/".length()));
  }
}
