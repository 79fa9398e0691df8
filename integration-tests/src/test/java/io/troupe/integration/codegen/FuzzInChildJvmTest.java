package io.troupe.integration.codegen;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs {@link GeneratedDecoderFuzzTest} in fuzzing mode ({@code JAZZER_FUZZ=1}) in a child JVM
 * whose output goes to {@code target/fuzz/GeneratedDecoderFuzzTest.log} and whose working directory
 * is {@code target/fuzz}, so libFuzzer's progress lines (written straight to file descriptor 2,
 * past Surefire's redirection) and Jazzer's generated corpus ({@code .cifuzz-corpus/}) stay out of
 * the build output and the source tree. The log's tail is part of the failure message when the
 * fuzzer finds something. In the regular Surefire run the same class only replays its stored
 * inputs.
 */
class FuzzInChildJvmTest {

  private static final long DEADLINE_MINUTES = 5;

  @Test
  void generatedDecodersSurviveTheFuzzer() throws Exception {
    Path dir = Path.of("target", "fuzz").toAbsolutePath();
    Files.createDirectories(dir);
    Path log = dir.resolve(GeneratedDecoderFuzzTest.class.getSimpleName() + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+EnableDynamicAgentLoading");
    command.add("-cp");
    command.add(testClassPath());
    command.add(ChildMain.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("JAZZER_FUZZ", "1");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process child = builder.start();
    if (!child.waitFor(DEADLINE_MINUTES, TimeUnit.MINUTES)) {
      child.destroyForcibly().waitFor();
      fail(
          "the fuzzer ran longer than "
              + DEADLINE_MINUTES
              + " minutes; its log: "
              + log
              + "\n"
              + tail(log));
    }
    if (child.exitValue() != 0) {
      fail(
          "the fuzzer failed (exit " + child.exitValue() + "); its log: " + log + "\n" + tail(log));
    }
  }

  /** Surefire runs tests through a manifest-only jar: the real class path is in this property. */
  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  /** The child JVM: runs the fuzz test through the JUnit Platform and exits 0 only if it passed. */
  static final class ChildMain {
    public static void main(String[] args) {
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(DiscoverySelectors.selectClass(GeneratedDecoderFuzzTest.class))
              .filters(
                  EngineFilter.includeEngines("junit-jupiter")) // not jqwik, also on the class path
              .build();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      LauncherFactory.create().execute(request, listener);
      TestExecutionSummary summary = listener.getSummary();
      summary.printTo(new java.io.PrintWriter(System.out, true));
      summary.printFailuresTo(new java.io.PrintWriter(System.out, true), 50);
      boolean passed = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0;
      System.exit(passed ? 0 : 1);
    }
  }
}
