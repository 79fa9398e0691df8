package io.troupe.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use Troupe in your build" is what a new user copies: this test copies it too. It
 * takes the section's Maven snippet and its Java files verbatim, writes a throw-away project under
 * {@code target/readme-project}, and builds it ({@code mvn test}) with the Maven running this build
 * (the README promises Maven 3.8.7 works) against the artifacts this build just packaged.
 *
 * <p>Those are copied into a private local repository, {@code target/readme-repo}, never into the
 * shared {@code ~/.m2} (developers and CI build in parallel). Third-party artifacts come from the
 * outer build's local repository, read as a file repository, and from Maven Central only if missing
 * there.
 */
class ReadmeProjectTest {

  private static final String SECTION = "## Use Troupe in your build";
  private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)\\n```", Pattern.DOTALL);
  private static final String[][] PUBLISHED = {
    {".", "troupe-parent"},
    {"bom", "troupe-bom"},
    {"runtime", "troupe-runtime"},
    {"processor", "troupe-processor"},
    {"testkit", "troupe-testkit"},
    {"opentelemetry", "troupe-opentelemetry"},
    {"micrometer", "troupe-micrometer"},
  };

  private static Path root;
  private static String version;
  private static String pomSnippet;
  private static Map<String, String> javaFiles;
  private static String optionalSnippet;

  @BeforeAll
  static void readTheReadme() throws IOException {
    root = Path.of(System.getProperty("troupe.root", "..")).toAbsolutePath().normalize();
    version = System.getProperty("troupe.version");
    String readme = Files.readString(root.resolve("README.md"));
    int start = readme.indexOf(SECTION);
    assertTrue(start >= 0, "README.md has no section '" + SECTION + "'");
    int end = readme.indexOf("\n## ", start + SECTION.length());
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    javaFiles = new LinkedHashMap<>();
    Matcher m = BLOCK.matcher(section);
    while (m.find()) {
      String body = m.group(2);
      if (m.group(1).equals("xml") && pomSnippet == null) {
        pomSnippet = body;
      } else if (m.group(1).equals("xml") && optionalSnippet == null) {
        optionalSnippet = body;
      } else if (m.group(1).equals("java") && body.startsWith("// src/")) {
        javaFiles.put(body.substring(3, body.indexOf('\n')).trim(), body + "\n");
      }
    }
    assertTrue(pomSnippet != null, "the section has no xml block");
    assertFalse(javaFiles.isEmpty(), "the section has no java block starting with // src/...");
  }

  @Test
  void theSnippetNamesThisBuildsVersionAndSoDoesTheBom() throws IOException {
    Matcher v = Pattern.compile("<troupe.version>(.*?)</troupe.version>").matcher(pomSnippet);
    assertTrue(v.find(), "the snippet sets no troupe.version");
    assertEquals(version, v.group(1), "README.md's troupe.version");
    String bom = Files.readString(root.resolve("bom/pom.xml"));
    Matcher b =
        Pattern.compile("<artifactId>troupe-bom</artifactId>\\s*<version>(.*?)</version>")
            .matcher(bom);
    assertTrue(b.find());
    assertEquals(
        version,
        b.group(1),
        "bom/pom.xml has no parent and states its version itself: keep it equal");
  }

  /**
   * What {@code mvn install} (and a release) publishes of each jar module: the jar, its sources and
   * its javadoc, the javadoc without the internal packages. The reactor has packaged them by now;
   * {@code install} copies exactly these attached files.
   */
  @Test
  void everyPublishedModuleShipsSourcesAndJavadocWithoutItsInternalPackages() throws IOException {
    Map<String, String> documentedClass =
        Map.of(
            "runtime",
            "io/troupe/ActorRef.html",
            "processor",
            "io/troupe/processor/TroupeProcessor.html",
            "testkit",
            "io/troupe/testkit/TestProbe.html",
            "opentelemetry",
            "io/troupe/opentelemetry/TroupeTracing.html",
            "micrometer",
            "io/troupe/micrometer/TroupeMetrics.html");
    for (String[] module : PUBLISHED) {
      if (module[0].equals(".") || module[0].equals("bom")) {
        continue; // POMs only
      }
      String file = module[1] + "-" + version;
      Path sources = root.resolve(module[0] + "/target/" + file + "-sources.jar");
      Path javadoc = root.resolve(module[0] + "/target/" + file + "-javadoc.jar");
      for (Path jar : List.of(sources, javadoc)) {
        assertTrue(
            Files.exists(jar),
            jar + " is missing (built with -Dmaven.source.skip or -Dmaven.javadoc.skip?)");
      }
      try (ZipFile zip = new ZipFile(sources.toFile())) {
        assertTrue(
            zip.stream().anyMatch(e -> e.getName().endsWith(".java")), sources + " has no sources");
      }
      try (ZipFile zip = new ZipFile(javadoc.toFile())) {
        assertTrue(zip.getEntry("index.html") != null, javadoc + " has no index.html");
        // A modular jar's pages sit under a folder named for the module
        // (io.troupe.runtime/io/troupe/...).
        String page = documentedClass.get(module[0]);
        assertTrue(
            zip.stream()
                .anyMatch(e -> e.getName().equals(page) || e.getName().endsWith("/" + page)),
            javadoc + " lacks " + page);
        List<String> internal =
            zip.stream()
                .map(e -> e.getName())
                .filter(
                    n ->
                        n.matches(
                            "(.*/)?io/troupe/(internal|processor/(model|validation|generation))/.*"))
                .toList();
        assertEquals(List.of(), internal, javadoc + " documents internal packages");
      }
    }
  }

  @Test
  void aProjectMadeFromTheReadmeBuildsWarningFreeAndItsTestPassesUnderManualTime()
      throws Exception {
    Path project = freshProject("readme-project", pomSnippet);
    Result build = maven(project, "test");
    if (build.exit != 0) {
      fail(
          "the README's project did not build (exit "
              + build.exit
              + "); log: "
              + build.log
              + "\n"
              + build.tail());
    }
    assertTrue(
        Files.exists(
            project.resolve("target/generated-sources/annotations/demo/ReminderMsgRef.java")),
        "the processor wrote the facade");
    String report =
        Files.readString(project.resolve("target/surefire-reports/TEST-demo.ReminderTest.xml"));
    assertTrue(report.contains("tests=\"1\""), report);
    assertTrue(report.contains("failures=\"0\"") && report.contains("errors=\"0\""), report);
  }

  /**
   * The optional modules as the README adds them (their second xml block, inside the first one's
   * {@code <dependencies>}): versions from the BOM, their API artifacts resolved through their
   * published POMs, and a class that uses both compiles warning-free.
   */
  @Test
  void theOptionalModulesResolveThroughTheBomAndCompile() throws Exception {
    assertTrue(optionalSnippet != null, "the section has no second xml block (optional modules)");
    assertTrue(
        optionalSnippet.contains("troupe-opentelemetry")
            && optionalSnippet.contains("troupe-micrometer"),
        optionalSnippet);
    String topLevel = "(?m)^<dependencies>$"; // not the one inside <dependencyManagement>
    assertTrue(
        Pattern.compile(topLevel).matcher(pomSnippet).find(),
        "the snippet has no <dependencies> of its own");
    Path project =
        freshProject(
            "readme-project-optional",
            pomSnippet.replaceFirst(
                topLevel, Matcher.quoteReplacement("<dependencies>\n" + optionalSnippet)));
    Path source = project.resolve("src/main/java/demo/Observed.java");
    Files.writeString(
        source,
        """
        package demo;

        import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
        import io.opentelemetry.api.OpenTelemetry;
        import io.troupe.Node;
        import io.troupe.micrometer.TroupeMetrics;
        import io.troupe.opentelemetry.TroupeTracing;

        /** Uses both optional modules. */
        public final class Observed {
          private Observed() {}

          /** Traces and meters a node. */
          public static void observe(Node node) {
            TroupeTracing.builder(OpenTelemetry.noop()).build().install(node);
            TroupeMetrics.of(node).bindTo(new SimpleMeterRegistry());
          }
        }
        """);
    Result build = maven(project, "compile");
    if (build.exit != 0) {
      fail(
          "the README's optional modules did not build (exit "
              + build.exit
              + "); log: "
              + build.log
              + "\n"
              + build.tail());
    }
    assertTrue(Files.exists(project.resolve("target/classes/demo/Observed.class")));
  }

  @Test
  void withoutTheOneLineTheProcessorsWarningFailsAWerrorBuildAsTheReadmeSays() throws Exception {
    String line = "<arg>-Xlint:-processing</arg>";
    assertTrue(
        pomSnippet.contains(line), "the snippet silences the processing warning with " + line);
    Path project =
        freshProject(
            "readme-project-noisy",
            pomSnippet.replaceAll("(?m)^.*" + Pattern.quote(line) + ".*\\n", ""));
    Result build = maven(project, "compile");
    assertNotEquals(
        0, build.exit, "expected -Werror to fail on the processing warning; log: " + build.log);
    String log = Files.readString(build.log);
    assertTrue(log.contains("No processor claimed any of these annotations"), build.tail());
  }

  private static Path freshProject(String name, String snippet) throws IOException {
    Path project = Path.of("target", name).toAbsolutePath();
    deleteTree(project);
    Files.createDirectories(project);
    String pom =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>demo</groupId>
          <artifactId>reminder</artifactId>
          <version>1.0</version>

        """
            + snippet
            + "\n</project>\n";
    Files.writeString(project.resolve("pom.xml"), pom);
    for (Map.Entry<String, String> file : javaFiles.entrySet()) {
      Path path = project.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return project;
  }

  /**
   * This build's published artifacts, laid out as {@code mvn install} would, in the private
   * repository.
   */
  private static Path privateRepository() throws IOException {
    Path repo = Path.of("target", "readme-repo").toAbsolutePath();
    for (String[] module : PUBLISHED) {
      Path dir = repo.resolve("io/troupe/" + module[1] + "/" + version);
      Files.createDirectories(dir);
      Path base = root.resolve(module[0]);
      String file = module[1] + "-" + version;
      Files.copy(
          base.resolve("pom.xml"), dir.resolve(file + ".pom"), StandardCopyOption.REPLACE_EXISTING);
      Path jar = base.resolve("target/" + file + ".jar");
      if (!module[0].equals(".") && !module[0].equals("bom")) {
        assertTrue(
            Files.exists(jar), jar + " is missing: the reactor builds it before this module");
        Files.copy(jar, dir.resolve(file + ".jar"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return repo;
  }

  private static Path settings() throws IOException {
    String seed =
        Path.of(
                System.getProperty(
                    "troupe.seedRepository", System.getProperty("user.home") + "/.m2/repository"))
            .toUri()
            .toString();
    Path settings = Path.of("target", "readme-settings.xml").toAbsolutePath();
    String repository =
        "<id>seed</id><url>"
            + seed
            + "</url>"
            + "<releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>" // a local repository keeps no checksums
            + "<snapshots><enabled>false</enabled></snapshots>";
    Files.writeString(
        settings,
        "<settings><profiles><profile><id>seed</id>"
            + "<repositories><repository>"
            + repository
            + "</repository></repositories>"
            + "<pluginRepositories><pluginRepository>"
            + repository
            + "</pluginRepository></pluginRepositories>"
            + "</profile></profiles><activeProfiles><activeProfile>seed</activeProfile></activeProfiles></settings>\n");
    return settings;
  }

  private record Result(int exit, Path log) {
    String tail() throws IOException {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
  }

  private static Result maven(Path project, String phase) throws Exception {
    String mavenHome = System.getProperty("troupe.mavenHome");
    String mvn =
        mavenHome == null || mavenHome.isBlank()
            ? "mvn"
            : Path.of(mavenHome, "bin", "mvn").toString();
    List<String> command = new ArrayList<>(List.of(mvn, "-B", "-ntp", "-s", settings().toString()));
    command.add("-Dmaven.repo.local=" + privateRepository());
    command.add(phase);
    Path log = project.resolveSibling(project.getFileName() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_ARGS");
    Process process = builder.start();
    if (!process.waitFor(8, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      fail("mvn " + phase + " ran over 8 minutes; log: " + log);
    }
    return new Result(process.exitValue(), log);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
