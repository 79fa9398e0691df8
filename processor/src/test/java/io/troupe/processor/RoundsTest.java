package io.troupe.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.JavaFile;
import io.troupe.processor.generation.FacadeGenerator;
import io.troupe.processor.generation.Generator;
import io.troupe.processor.model.MessageInterface;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The processor in a build with other processors. */
class RoundsTest {

  /** Writes {@code test.Token} in the first round, as a processor such as AutoValue would. */
  static final class TokenWriter extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!written) {
        written = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("test.Token").openWriter()) {
          w.write("package test;\n\npublic record Token(String value) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void interfaceMentioningATypeGeneratedLaterGetsItsFacadeInALaterRound() {
    JavaFileObject source =
        JavaFileObjects.forSourceString(
            "test.Msg",
            """
            package test;

            @io.troupe.annotation.ActorMessage
            public sealed interface Msg {
              record Use(Token token) implements Msg {}
            }
            """);
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new TroupeProcessor(), new TokenWriter())
            .withOptions("-Xlint:all,-processing", "--release", "21")
            .compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.MsgRef")
        .contentsAsUtf8String()
        .contains("public void use(Token token)");
  }

  @Test
  void messageMayCarryAnotherInterfacesFacade() {
    JavaFileObject replies =
        JavaFileObjects.forSourceString(
            "test.Listener",
            """
            package test;

            @io.troupe.annotation.ActorMessage
            public sealed interface Listener {
              record Heard(String text) implements Listener {}
            }
            """);
    JavaFileObject requests =
        JavaFileObjects.forSourceString(
            "test.Speaker",
            """
            package test;

            @io.troupe.annotation.ActorMessage
            public sealed interface Speaker {
              record Say(String text, ListenerRef to) implements Speaker {}
            }
            """);
    Compilation compilation = Compilations.compile(requests, replies);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.SpeakerRef")
        .contentsAsUtf8String()
        .contains("public void say(String text, ListenerRef to)");
  }

  @Test
  void aFailingGeneratorIsReportedOnItsInterfaceAndOthersStillGetFacades() {
    Generator failing =
        new Generator() {
          @Override
          public boolean appliesTo(MessageInterface model) {
            return model.name().simpleName().equals("Broken");
          }

          @Override
          public JavaFile generate(MessageInterface model) {
            throw new IllegalStateException("simulated");
          }
        };
    JavaFileObject broken =
        JavaFileObjects.forSourceString(
            "test.Broken",
            """
            package test;

            @io.troupe.annotation.ActorMessage
            public sealed interface Broken {
              record Ping() implements Broken {}
            }
            """);
    JavaFileObject fine =
        JavaFileObjects.forSourceString(
            "test.Fine",
            """
            package test;

            @io.troupe.annotation.ActorMessage
            public sealed interface Fine {
              record Ping() implements Fine {}
            }
            """);
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new TroupeProcessor(List.of(failing, new FacadeGenerator())))
            .withOptions("-Xlint:all,-processing", "--release", "21")
            .compile(broken, fine);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "The Troupe processor failed on Broken (java.lang.IllegalStateException: simulated)")
        .inFile(broken)
        .onLine(4);
  }
}
