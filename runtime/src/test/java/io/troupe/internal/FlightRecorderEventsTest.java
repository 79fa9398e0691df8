package io.troupe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

class FlightRecorderEventsTest {

  static final class Failing implements Actor<String, Object, Void> {
    @Override
    public Object preStart(ActorRef<String> self, Void args) {
      return "s";
    }

    @Override
    public Object handle(ActorRef<String> self, String m, Object s) {
      throw new IllegalStateException("bad " + m);
    }
  }

  @Test
  void spawnAndEveryKindOfEndAreRecorded() throws Exception {
    Path file = Files.createTempFile("troupe", ".jfr");
    try (Recording recording = new Recording();
        Node node = Node.create("jfr")) {
      recording.enable("io.troupe.ActorSpawned");
      recording.enable("io.troupe.ActorStopped");
      recording.start();
      ActorRef<String> stopped = node.spawn("graceful", new Failing(), null);
      ActorRef<String> killed = node.spawn("killed", new Failing(), null);
      ActorRef<String> failed = node.spawn("failed", new Failing(), null);
      stopped.stopAndWait("bye", Duration.ofSeconds(5));
      killed.killAndWait(Duration.ofSeconds(5));
      failed.cast("input");
      assertTrue(failed.awaitExit(Duration.ofSeconds(5)));
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    Files.deleteIfExists(file);
    long spawned =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("io.troupe.ActorSpawned"))
            .count();
    assertEquals(3, spawned);
    List<String> outcomes =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("io.troupe.ActorStopped"))
            .map(e -> e.getString("actor").replaceAll("[(].*", "") + ":" + e.getString("outcome"))
            .sorted()
            .toList();
    assertEquals(List.of("failed:failed", "graceful:terminated", "killed:killed"), outcomes);
  }

  static final class Sleeper implements Actor<Long, Void, Void> {
    @Override
    public Void preStart(ActorRef<Long> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<Long> self, Long millis, Void s) throws InterruptedException {
      if (millis > 0) {
        Thread.sleep(millis);
      }
      return s;
    }
  }

  @Test
  void slowHandlingIsRecordedFromTheThresholdUpAndOnlyWithTheInterceptor() throws Exception {
    Path file = Files.createTempFile("troupe", ".jfr");
    try (Recording recording = new Recording();
        Node node = Node.create("jfr")) {
      recording.enable("io.troupe.MessageHandled").withThreshold(Duration.ofMillis(200));
      recording.start();
      ActorRef<Long> before = node.spawn("before", new Sleeper(), null);
      before.cast(300L); // handled before the interceptor is installed: not recorded
      assertTrue(before.drainAndWait(Duration.ofSeconds(10)));
      node.intercept(new io.troupe.intercept.FlightRecorderInterceptor());
      ActorRef<Long> sleeper = node.spawn("sleeper", new Sleeper(), null);
      for (int i = 0; i < 20; i++) {
        sleeper.cast(0L); // under the threshold
      }
      sleeper.cast(300L);
      assertTrue(sleeper.drainAndWait(Duration.ofSeconds(10)));
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> handled =
        RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getEventType().getName().equals("io.troupe.MessageHandled"))
            .toList();
    Files.deleteIfExists(file);
    // The slow message is recorded; quick ones are not (unless a loaded machine stalled one past
    // the threshold), and nothing of the actor that handled its message before the install.
    assertTrue(
        handled.stream().allMatch(e -> e.getString("actor").startsWith("sleeper(")),
        handled::toString);
    assertTrue(handled.size() < 5, handled::toString);
    RecordedEvent slow =
        handled.stream().filter(e -> e.getDuration().toMillis() >= 290).findFirst().orElseThrow();
    assertEquals(Long.class.getName(), slow.getClass("messageType").getName());
    assertEquals("jfr", slow.getString("node"));
  }

  @Test
  void aSupervisorsRestartsAndGivingUpAreRecorded() throws Exception {
    Path file = Files.createTempFile("troupe", ".jfr");
    try (Recording recording = new Recording();
        Node node = Node.create("jfr")) {
      recording.enable("io.troupe.SupervisorRestart");
      recording.start();
      io.troupe.supervision.Supervisor sup =
          io.troupe.supervision.Supervisor.start(
              node,
              "top",
              io.troupe.supervision.SupervisorSpec.builder()
                  .intensity(1, Duration.ofMinutes(1))
                  .child(io.troupe.supervision.ChildSpec.of("c", new Failing(), null))
                  .build());
      ActorRef<?> previous = null;
      for (int i = 0; i < 2; i++) { // the first failure restarts "c", the second is one too many
        java.util.concurrent.atomic.AtomicReference<ActorRef<?>> running =
            new java.util.concurrent.atomic.AtomicReference<>();
        ActorRef<?> old = previous;
        io.troupe.testing.Await.until(
            "child c runs",
            () -> {
              sup.child("c", Duration.ofSeconds(5)).ifPresent(running::set);
              return running.get() != null && !running.get().equals(old);
            });
        @SuppressWarnings("unchecked")
        ActorRef<String> c = (ActorRef<String>) running.get();
        c.cast("input " + i);
        assertTrue(c.awaitExit(Duration.ofSeconds(5)));
        previous = c;
      }
      assertTrue(sup.ref().awaitExit(Duration.ofSeconds(5)));
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    Files.deleteIfExists(file);
    List<String> decisions =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("io.troupe.SupervisorRestart"))
            .sorted(
                java.util.Comparator.comparing(RecordedEvent::getStartTime)) // file order is not
            .map(
                e ->
                    e.getString("supervisor")
                        + "/"
                        + e.getString("child")
                        + (e.getBoolean("gaveUp") ? " gave up" : " attempt " + e.getInt("attempt"))
                        + ": "
                        + e.getString("cause"))
            .toList();
    assertEquals(
        List.of(
            "top/c attempt 1: java.lang.IllegalStateException: bad input 0",
            "top/c gave up: java.lang.IllegalStateException: bad input 1"),
        decisions);
  }
}
