package io.troupe.integration.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * A user's application as a named module that opens nothing ({@code module demo { requires
 * io.troupe.runtime; }}), compiled with the processor and run on the module path in a child JVM:
 * its actors, a generated facade, and a two-node cluster that finds a remote actor in a group and
 * calls it through the generated codec. Before the generated codecs registered themselves, this
 * failed in {@code MessageCodec.forType} (setAccessible on a class of a package not opened to the
 * runtime).
 */
class ModulePathTest {

  private static final String MODULE_INFO =
      """
      module demo {
        requires io.troupe.runtime;
      }
      """;

  private static final String GREETER =
      """
      package demo;

      import io.troupe.annotation.ClusterMessage;
      import io.troupe.rpc.RpcReplyPort;

      @ClusterMessage
      public sealed interface Greeter {
        record Greet(String name, RpcReplyPort<String> reply) implements Greeter {}
      }
      """;

  private static final String MAIN =
      """
      package demo;

      import io.troupe.Actor;
      import io.troupe.ActorRef;
      import io.troupe.Node;
      import io.troupe.cluster.NodeConfig;
      import java.time.Duration;
      import java.util.List;

      public final class Main {
        static final class Greets implements Actor<Greeter, String, String> {
          @Override
          public String preStart(ActorRef<Greeter> self, String where) {
            return where;
          }

          @Override
          public String handle(ActorRef<Greeter> self, Greeter message, String where) {
            switch (message) {
              case Greeter.Greet g -> g.reply().send("hello " + g.name() + " from " + where);
            }
            return where;
          }
        }

        public static void main(String[] args) throws Exception {
          Duration timeout = Duration.ofSeconds(10);
          String cookie = NodeConfig.generateCookie();
          try (Node a = Node.create("module-a", NodeConfig.builder().cookie(cookie).build());
              Node b = Node.create("module-b", NodeConfig.builder().cookie(cookie).build())) {
            ActorRef<Greeter> local = a.spawn(new Greets(), "a");
            System.out.println(GreeterRef.of(local).greet("local", timeout));
            ActorRef<Greeter> remote = b.spawn(new Greets(), "b");
            b.groups().join("greeters", List.of(remote));
            int port = b.cluster().listen("127.0.0.1", 0).getPort();
            a.cluster().connect("127.0.0.1", port);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (a.groups().members("greeters").isEmpty()) {
              if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node a never saw b's greeter");
              }
              Thread.sleep(10);
            }
            System.out.println(GreeterRef.from(a.groups().members("greeters").getFirst()).greet("remote", timeout));
          }
        }
      }
      """;

  @Test
  void actorsAndATwoNodeClusterRunOnTheModulePathWithNoOpens() throws Exception {
    Path work = Files.createDirectories(Path.of("target", "module-path-test").toAbsolutePath());
    Path sources = Files.createDirectories(work.resolve("src/demo"));
    Files.writeString(sources.resolve("module-info.java"), MODULE_INFO);
    Files.createDirectories(sources.resolve("demo"));
    Files.writeString(sources.resolve("demo/Greeter.java"), GREETER);
    Files.writeString(sources.resolve("demo/Main.java"), MAIN);
    Path classes = work.resolve("classes/demo");
    deleteRecursively(classes);
    Files.createDirectories(classes);

    String modulePath =
        String.join(
            File.pathSeparator,
            location("io.troupe.Node"),
            location("com.google.protobuf.Message"));
    String processorPath =
        String.join(
            File.pathSeparator,
            location("io.troupe.processor.TroupeProcessor"),
            location("com.palantir.javapoet.JavaFile"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> compile =
        new ArrayList<>(
            List.of(
                "--release",
                "21",
                "-Xlint:all,-processing",
                "-Werror",
                "--module-path",
                modulePath,
                "--processor-path",
                processorPath,
                "-d",
                classes.toString()));
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).forEach(compile::add);
    }
    assertEquals(
        0,
        javac.run(null, null, null, compile.toArray(String[]::new)),
        "the demo module did not compile");

    Path log = work.resolve("run.log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                classes + File.pathSeparator + modulePath,
                "-m",
                "demo/demo.Main")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      child.destroyForcibly().waitFor();
      throw new AssertionError("the demo ran longer than 60 s:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    assertEquals(0, child.exitValue(), "the demo failed:\n" + output);
    assertTrue(output.contains("hello local from a"), output);
    assertTrue(output.contains("hello remote from b"), output);
  }

  /** Where the class named {@code name} was loaded from: a jar, or a module's classes directory. */
  private static String location(String name) throws ClassNotFoundException, URISyntaxException {
    Class<?> type = Class.forName(name, false, ModulePathTest.class.getClassLoader());
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
