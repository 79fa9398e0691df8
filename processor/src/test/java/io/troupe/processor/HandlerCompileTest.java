package io.troupe.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What javac says about actors written against a generated handler: the promise is that a call
 * whose answer is forgotten, and a variant left unhandled, do not compile.
 */
class HandlerCompileTest {

  /**
   * A counter actor on CounterMsgHandler whose {@code onGet} has {@code body}; none at all if it is
   * null.
   */
  private static JavaFileObject counter(String body) {
    String onGet =
        body == null
            ? ""
            : """

                @Override
                public Answered<Integer> onGet(ActorRef<CounterMsg> self, Reply<Integer, Integer> reply, Integer total) {
                  %s
                }
            """
                .formatted(body);
    return JavaFileObjects.forSourceString(
        "test.counter.Counter",
        """
        package test.counter;

        import io.troupe.ActorRef;

        final class Counter implements CounterMsgHandler<Integer, Void> {
          @Override
          public Integer preStart(ActorRef<CounterMsg> self, Void args) {
            return 0;
          }

          @Override
          public Integer onIncrement(ActorRef<CounterMsg> self, int by, Integer total) {
            return total + by;
          }
        %s}
        """
            .formatted(onGet));
  }

  @Test
  void aHandlerThatAnswersCompilesWithoutWarnings() {
    Compilation compilation =
        Compilations.compile(
            Compilations.input("CounterMsg.java"), counter("return reply.answer(total, total);"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void aHandlerThatForgetsToAnswerDoesNotCompile() {
    JavaFileObject forgetful = counter("return total; // forgot the answer");
    Compilation compilation =
        Compilations.compile(Compilations.input("CounterMsg.java"), forgetful);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("incompatible types").inFile(forgetful).onLine(18);
  }

  @Test
  void aHandlerThatAnswersWithTheWrongTypeDoesNotCompile() {
    JavaFileObject wrong = counter("return reply.answer(\"many\", total);");
    Compilation compilation = Compilations.compile(Compilations.input("CounterMsg.java"), wrong);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("incompatible types").inFile(wrong).onLine(18);
  }

  @Test
  void aHandlerThatLeavesAVariantOutDoesNotCompile() {
    JavaFileObject partial = counter(null);
    Compilation compilation = Compilations.compile(Compilations.input("CounterMsg.java"), partial);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("does not override abstract method onGet")
        .inFile(partial)
        .onLine(5);
  }
}
