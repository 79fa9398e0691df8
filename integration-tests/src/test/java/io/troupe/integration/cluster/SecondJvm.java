package io.troupe.integration.cluster;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SecondJvmNode} running in a child JVM, started with this JVM's class path; closing kills
 * it. {@link #start} returns once it printed READY (it has connected and spawned its actors).
 */
final class SecondJvm implements AutoCloseable {
  private static final int TAIL_LINES = 40;

  private final Process process;
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private final ChildOutput output;

  private SecondJvm(Process process) {
    this.process = process;
    this.output =
        ChildOutput.read(
            process,
            "second-jvm-output",
            TAIL_LINES,
            line -> {
              if (line.equals("READY")) {
                ready.complete(line);
              }
            },
            ready::complete);
  }

  /**
   * Starts {@code SecondJvmNode port cookie mode} and waits for its READY line.
   *
   * @throws AssertionError if it exits or is not ready within 60 s (it is then killed)
   */
  static SecondJvm start(int port, String cookie, String mode) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                SecondJvmNode.class.getName(),
                Integer.toString(port),
                cookie,
                mode)
            .redirectErrorStream(true)
            .start();
    SecondJvm jvm = new SecondJvm(process);
    try {
      String said = jvm.ready.get(60, TimeUnit.SECONDS);
      if (!said.equals("READY")) {
        throw new AssertionError(
            "the second JVM did not get ready: " + said + "; its last output:\n" + jvm.lastLines());
      }
      return jvm;
    } catch (java.util.concurrent.TimeoutException e) {
      jvm.close();
      throw new AssertionError(
          "the second JVM was not ready within 60 s; its last output:\n" + jvm.lastLines(), e);
    } catch (Exception | AssertionError e) {
      jvm.close();
      throw e;
    }
  }

  /** The child's last lines of output, for a failure message. */
  String lastLines() {
    return output.lastLines();
  }

  /** Kills the JVM at once, as a crash would (no shutdown hooks, the OS closes its sockets). */
  void kill() {
    process.destroyForcibly();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
