package io.troupe.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.JavaFile;
import io.troupe.processor.generation.FacadeGenerator;
import io.troupe.processor.generation.Generator;
import io.troupe.processor.model.MessageInterface;
import io.troupe.processor.validation.CompileError;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Holds the {@link CompileError} catalogue to its promises: every key is reported by a real failing
 * source (under {@code src/test/resources/errors/<Key>/}, on the line marked {@code // error}, as
 * the only error), and the error table of {@code docs/codegen.md} lists exactly the catalogue's
 * keys.
 */
class CompileErrorCatalogueTest {
  private static final Path ERRORS = Path.of("src/test/resources/errors");
  private static final Path DOCS = Path.of("../docs/codegen.md");

  /** One source of an error's directory, with the line marked {@code // error} (0 if none). */
  private record Source(JavaFileObject file, long markedLine) {}

  @ParameterizedTest(name = "{0}")
  @EnumSource(CompileError.class)
  void everyErrorIsReportedByItsFailingSource(CompileError error) throws Exception {
    Path directory = ERRORS.resolve(error.key());
    assertTrue(
        Files.isDirectory(directory), "no failing source for " + error.key() + " in " + directory);
    List<Source> sources = sources(directory);
    List<Source> marked = sources.stream().filter(s -> s.markedLine() > 0).toList();
    assertEquals(1, marked.size(), "exactly one line of " + directory + " must be marked // error");
    Compilation compilation = compile(error, directory, sources);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Troupe/" + error.key() + "] ")
        .inFile(marked.getFirst().file())
        .onLine(marked.getFirst().markedLine());
  }

  @Test
  void theDocsErrorTableListsEveryKeyOnce() throws IOException {
    List<String> documented = documentedKeys();
    Set<String> unique = new LinkedHashSet<>(documented);
    assertEquals(
        documented.size(), unique.size(), "a key appears twice in " + DOCS + ": " + documented);
    Set<String> catalogue =
        Arrays.stream(CompileError.values())
            .map(CompileError::key)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        catalogue,
        new TreeSet<>(unique),
        "the error table of " + DOCS + " and CompileError disagree");
  }

  @Test
  void keysAreDistinctAndEveryMessageStartsWithItsKey() {
    Set<String> keys = new LinkedHashSet<>();
    for (CompileError error : CompileError.values()) {
      assertTrue(keys.add(error.key()), "two constants share the key " + error.key());
      assertTrue(error.key().matches("[A-Z][A-Za-z]+"), error.key());
      assertTrue(error.format(new Object[40]).startsWith("[Troupe/" + error.key() + "] "));
      assertFalse(error.template().isBlank());
    }
  }

  /** The first column of the table under "## Errors and how to fix them", without backticks. */
  private static List<String> documentedKeys() throws IOException {
    List<String> lines = Files.readAllLines(DOCS, StandardCharsets.UTF_8);
    int start = lines.indexOf("## Errors and how to fix them");
    assertTrue(start >= 0, DOCS + " has no section \"## Errors and how to fix them\"");
    List<String> keys = new ArrayList<>();
    Pattern row = Pattern.compile("^\\| `([A-Za-z]+)` \\|");
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      Matcher m = row.matcher(line);
      if (m.find()) {
        keys.add(m.group(1));
      }
    }
    return keys;
  }

  private static List<Source> sources(Path directory) throws IOException {
    List<Source> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String name =
            directory
                .relativize(file)
                .toString()
                .replace(File.separatorChar, '.')
                .replaceAll("\\.java$", "");
        long marked = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          if (lines[i].endsWith("// error")) {
            marked = i + 1;
          }
        }
        sources.add(new Source(JavaFileObjects.forSourceString(name, text), marked));
      }
    }
    return sources;
  }

  private static Compilation compile(CompileError error, Path directory, List<Source> sources)
      throws Exception {
    List<String> options = new ArrayList<>(List.of("-Xlint:all,-processing", "--release", "21"));
    if (Files.exists(directory.resolve("module-info.java"))) {
      // By name: the runtime is a test dependency, not a module this test module reads.
      options.add("--module-path");
      options.add(
          location("io.troupe.ActorRef")
              + File.pathSeparator
              + location("com.google.protobuf.MessageLite"));
    }
    TroupeProcessor processor =
        error == CompileError.PROCESSOR_FAILED
            ? new TroupeProcessor(List.of(new Overflowing(), new FacadeGenerator()))
            : new TroupeProcessor();
    return Compiler.javac()
        .withProcessors(processor)
        .withOptions(options)
        .compile(sources.stream().map(Source::file).toList());
  }

  private static String location(String className) throws Exception {
    return Path.of(
            Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  /** A generator with a bug that is not even an exception: the crash guard must still report it. */
  private static final class Overflowing implements Generator {
    @Override
    public boolean appliesTo(MessageInterface model) {
      return true;
    }

    @Override
    public JavaFile generate(MessageInterface model) {
      throw new StackOverflowError("simulated");
    }
  }
}
