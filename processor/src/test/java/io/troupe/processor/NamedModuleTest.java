package io.troupe.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A user's code in a named module sees {@code @Generated} only if the module reads java.compiler,
 * so the facade carries it only then.
 */
class NamedModuleTest {

  private static final JavaFileObject MESSAGES =
      JavaFileObjects.forSourceString(
          "demo.Msg",
          """
          package demo;

          @io.troupe.annotation.ActorMessage
          public sealed interface Msg {
            record Ping() implements Msg {}
          }
          """);

  private static Compilation compileModule(String moduleInfo) throws Exception {
    return compileModule(moduleInfo, MESSAGES);
  }

  private static Compilation compileModule(String moduleInfo, JavaFileObject... sources)
      throws Exception {
    // By name: the runtime is a test dependency, not a module this test module reads.
    String modulePath =
        location("io.troupe.ActorRef")
            + File.pathSeparator
            + location("com.google.protobuf.MessageLite");
    return Compiler.javac()
        .withProcessors(new TroupeProcessor())
        .withOptions("-Xlint:all,-processing", "--release", "21", "--module-path", modulePath)
        .compile(
            Stream.concat(
                    Stream.of(JavaFileObjects.forSourceString("module-info", moduleInfo)),
                    Stream.of(sources))
                .toList());
  }

  private static String location(String className) throws Exception {
    return Path.of(
            Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  @Test
  void moduleThatDoesNotReadJavaCompilerGetsAFacadeWithoutGenerated() throws Exception {
    Compilation compilation = compileModule("module demo { requires io.troupe.runtime; }");
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("demo.MsgRef")
        .contentsAsUtf8String()
        .doesNotContain("@Generated");
  }

  @Test
  void moduleThatReadsJavaCompilerGetsGenerated() throws Exception {
    Compilation compilation =
        compileModule("module demo { requires io.troupe.runtime; requires static java.compiler; }");
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("demo.MsgRef")
        .contentsAsUtf8String()
        .contains("@Generated(\"io.troupe.processor.TroupeProcessor\")");
  }

  private static final String DEMO_MODULE = "module demo { requires io.troupe.runtime; }";

  private static final JavaFileObject SPLIT_MESSAGES =
      JavaFileObjects.forSourceString(
          "demo.api.Msg",
          """
          package demo.api;

          @io.troupe.annotation.ActorMessage
          public sealed interface Msg permits demo.impl.Ping, demo.impl.Pong {}
          """);

  @Test
  void componentOfATypeThatIsNotPublicInAnotherPackageIsAnError() throws Exception {
    JavaFileObject ping =
        JavaFileObjects.forSourceString(
            "demo.impl.Ping",
            """
            package demo.impl;

            public record Ping(Detail detail) implements demo.api.Msg {}

            record Detail() {}
            """);
    JavaFileObject pong =
        JavaFileObjects.forSourceString(
            "demo.impl.Pong",
            """
            package demo.impl;

            public record Pong() implements demo.api.Msg {}
            """);
    Compilation compilation = compileModule(DEMO_MODULE, SPLIT_MESSAGES, ping, pong);
    assertThat(compilation)
        .hadErrorContaining(
            "Component detail of Ping has type Detail, which is not public and lives in package demo.impl, so the facade MsgRef cannot name it; make Detail public.")
        .inFile(ping)
        .onLine(3);
  }
}
