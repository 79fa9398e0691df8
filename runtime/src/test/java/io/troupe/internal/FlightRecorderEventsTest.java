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
    try (Recording recording = new Recording(); Node node = Node.create("jfr")) {
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
    long spawned = events.stream().filter(e -> e.getEventType().getName().equals("io.troupe.ActorSpawned")).count();
    assertEquals(3, spawned);
    List<String> outcomes =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("io.troupe.ActorStopped"))
            .map(e -> e.getString("actor").replaceAll("[(].*", "") + ":" + e.getString("outcome"))
            .sorted()
            .toList();
    assertEquals(List.of("failed:failed", "graceful:terminated", "killed:killed"), outcomes);
  }
}
