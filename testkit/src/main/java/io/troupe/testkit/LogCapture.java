package io.troupe.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what is logged under a logger name (and its children) while open, instead of printing it.
 * Troupe logs through {@link System.Logger}, whose default backend is {@code java.util.logging}:
 * this capture adds a handler there. With another backend installed (an SLF4J bridge, say) it sees
 * nothing; capture that backend's output its own way.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start("io.troupe")) {
 *   ... an unsupervised actor fails ...
 *   LogRecord warning = logs.awaitRecord(r -> r.getMessage().contains("failed"), Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>{@link TroupeExtension#logs()} opens one for the test and closes it after. Thread-safe.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger; // held: java.util.logging keeps loggers only weakly
  private final Level previousLevel;
  private final boolean previousUseParent;
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (records) {
            records.add(record);
            records.notifyAll();
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture(String name) {
    logger = Logger.getLogger(name);
    previousLevel = logger.getLevel();
    previousUseParent = logger.getUseParentHandlers();
    handler.setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
  }

  /**
   * Starts capturing records of {@code loggerName} and the loggers below it, at every level.
   *
   * @param loggerName e.g. {@code "io.troupe"}; {@code ""} is the root logger
   * @return the open capture; close it to print again
   */
  public static LogCapture start(String loggerName) {
    return new LogCapture(loggerName);
  }

  /**
   * The records so far, oldest first.
   *
   * @return a copy
   */
  public List<LogRecord> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /**
   * The messages of the records so far (not formatted: {@code {0}} parameters left as they are).
   *
   * @return them, oldest first
   */
  public List<String> messages() {
    return records().stream().map(LogRecord::getMessage).toList();
  }

  /**
   * Waits for a record matching {@code matcher}, including those already captured.
   *
   * @param matcher what the record satisfies
   * @param timeout how long to wait (stretched by {@link TestKitTimeouts#dilate})
   * @return the first matching record
   * @throws AssertionError listing the messages captured if none matches in time
   */
  public LogRecord awaitRecord(Predicate<? super LogRecord> matcher, Duration timeout) {
    long deadline = System.nanoTime() + TestKitTimeouts.dilate(timeout).toNanos();
    synchronized (records) {
      int seen = 0;
      while (true) {
        for (; seen < records.size(); seen++) {
          if (matcher.test(records.get(seen))) {
            return records.get(seen);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no matching log record within " + timeout + "; captured: " + messages());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(records, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  /**
   * Waits for a record at {@code level} whose message contains {@code text}.
   *
   * @param level e.g. {@link Level#WARNING} (a {@code System.Logger} WARNING) or {@link
   *     Level#SEVERE} (ERROR)
   * @param text a part of the message
   * @param timeout how long to wait
   * @return the record
   * @throws AssertionError if none arrives in time
   */
  public LogRecord awaitRecord(Level level, String text, Duration timeout) {
    return awaitRecord(
        r -> r.getLevel().equals(level) && r.getMessage() != null && r.getMessage().contains(text),
        timeout);
  }

  /** Stops capturing and restores the logger's level and console output. */
  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(previousLevel);
    logger.setUseParentHandlers(previousUseParent);
  }
}
