package io.troupe.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Loggers;
import io.troupe.Node;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Supervised failures reach the {@code io.troupe.actor} logger at the level the node sets (here
 * because this module's tests run on the class path, where {@code java.util.logging} is readable).
 */
class FailureLoggingTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  static final class Failing implements Actor<String, Void, Void> {
    @Override
    public Void preStart(ActorRef<String> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<String> self, String m, Void s) {
      throw new IllegalStateException("failed on " + m);
    }
  }

  static final class Parent implements Actor<String, Void, Void> {
    @Override
    public Void preStart(ActorRef<String> self, Void args) {
      return null;
    }

    @Override
    public Void handleSupervisorEvent(ActorRef<String> self, SupervisionEvent event, Void s) {
      return s; // keeps running when a child fails
    }
  }

  private static LogRecord awaitAbout(LogCapture logs, ActorRef<?> actor) {
    return logs.awaitRecord(r -> r.getMessage().contains(actor.id().toString()), WAIT);
  }

  private static List<LogRecord> about(LogCapture logs, ActorRef<?> actor) {
    return logs.records().stream()
        .filter(r -> r.getMessage().contains(actor.id().toString()))
        .toList();
  }

  @Test
  void aSupervisedFailureIsLoggedAtTheChosenLevelWithItsException() {
    try (LogCapture logs = LogCapture.start(Loggers.ACTOR);
        Node node = Node.create("logging")) {
      ActorRef<String> parent = node.spawn(new Parent(), null);

      ActorRef<String> atInfo = node.spawnLinked("info-child", new Failing(), null, parent);
      atInfo.cast("one");
      LogRecord info = awaitAbout(logs, atInfo);
      assertEquals(Level.INFO, info.getLevel());
      assertTrue(info.getMessage().contains("supervised by"), info.getMessage());
      assertEquals("failed on one", info.getThrown().getMessage());

      node.failureLogLevel(System.Logger.Level.WARNING);
      ActorRef<String> atWarning = node.spawnLinked("warning-child", new Failing(), null, parent);
      atWarning.cast("two");
      assertEquals(Level.WARNING, awaitAbout(logs, atWarning).getLevel());

      node.failureLogLevel(System.Logger.Level.OFF);
      ActorRef<String> silent = node.spawnLinked("silent-child", new Failing(), null, parent);
      silent.cast("three");
      assertTrue(silent.awaitExit(WAIT));
      assertEquals(List.of(), about(logs, silent));
    }
  }

  @Test
  void anUnsupervisedFailureIsAWarningWhateverTheLevel() {
    try (LogCapture logs = LogCapture.start(Loggers.ACTOR);
        Node node = Node.create("logging")) {
      node.failureLogLevel(System.Logger.Level.OFF);
      ActorRef<String> alone = node.spawn(new Failing(), null);
      alone.cast("x");
      assertEquals(Level.WARNING, awaitAbout(logs, alone).getLevel());
    }
  }
}
