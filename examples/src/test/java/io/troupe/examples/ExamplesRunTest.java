package io.troupe.examples;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example {@code ./troupe examples} runs finishes, without an exception, within a generous
 * deadline: an example that hangs or throws fails here rather than in a newcomer's terminal.
 */
class ExamplesRunTest {

  static List<String> examples() {
    return RunAll.EXAMPLES;
  }

  @ParameterizedTest
  @MethodSource("examples")
  void theExampleRunsToItsEnd(String example) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          Method main = Class.forName(example).getMethod("main", String[].class);
          try {
            main.invoke(null, (Object) new String[0]);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        },
        example + " did not finish");
  }
}
