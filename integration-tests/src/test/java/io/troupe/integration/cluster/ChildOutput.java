package io.troupe.integration.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Reads a child JVM's output (stdout with stderr merged) on a daemon thread: hands each line to a
 * listener and keeps the last lines for a failure message. NOTE: it reads to the end, not just up
 * to the line a test waits for: a child whose output nobody reads blocks once the pipe's buffer is
 * full.
 */
final class ChildOutput {
  private final Process process;
  private final int keep;
  private final Consumer<String> onLine;
  private final Consumer<String> onEnd;
  private final Deque<String> tail = new ArrayDeque<>();

  /**
   * Starts reading.
   *
   * @param keep how many of the last lines {@link #lastLines} returns
   * @param onLine called with each line, on the reading thread
   * @param onEnd called once the output ends: with "exited", or with the read error
   */
  static ChildOutput read(
      Process process,
      String threadName,
      int keep,
      Consumer<String> onLine,
      Consumer<String> onEnd) {
    ChildOutput output = new ChildOutput(process, keep, onLine, onEnd);
    Thread.ofPlatform().daemon().name(threadName).start(output::pump);
    return output;
  }

  private ChildOutput(Process process, int keep, Consumer<String> onLine, Consumer<String> onEnd) {
    this.process = process;
    this.keep = keep;
    this.onLine = onLine;
    this.onEnd = onEnd;
  }

  private void pump() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > keep) {
            tail.removeFirst();
          }
        }
        onLine.accept(line);
      }
      onEnd.accept("exited");
    } catch (IOException e) {
      onEnd.accept(e.toString()); // the process is gone
    }
  }

  /** The child's last lines of output, one per line. */
  String lastLines() {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }
}
