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
  private static final int TAIL_LINES = 40;

  private final Process process;
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private final java.util.ArrayDeque<String> tail = new java.util.ArrayDeque<>();

  private SecondJvm(Process process) {
    this.process = process;
    Thread.ofPlatform().daemon().name("second-jvm-output").start(this::pump);
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

  /**
   * Reads the child's output to its end on a daemon thread. NOTE: it must keep reading after READY:
   * a child whose output nobody reads blocks once the pipe's buffer is full.
   */
  private void pump() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
        if (line.equals("READY")) {
          ready.complete(line);
        }
      }
      ready.complete("exited");
    } catch (IOException e) {
      ready.complete(e.toString());
    }
  }

  /** The child's last lines of output, for a failure message. */
  String lastLines() {
    synchronized (tail) {
      return String.join("\n", tail);
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
