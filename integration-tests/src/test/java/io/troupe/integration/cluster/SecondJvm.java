package io.troupe.integration.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SecondJvmNode} running in a child JVM, started with this JVM's class path; closing kills
 * it. {@link #start} returns once it printed READY (it has connected and spawned its actors).
 */
final class SecondJvm implements AutoCloseable {
  private final Process process;

  private SecondJvm(Process process) {
    this.process = process;
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
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> ready =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals("READY")) {
                      return line;
                    }
                  }
                  return "exited";
                } catch (IOException e) {
                  return e.toString();
                }
              });
      String said = ready.get(60, TimeUnit.SECONDS);
      if (!said.equals("READY")) {
        throw new AssertionError("the second JVM did not get ready: " + said);
      }
      return jvm;
    } catch (Exception | AssertionError e) {
      jvm.close();
      throw e;
    }
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
