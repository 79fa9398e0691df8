package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Node;
import io.troupe.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Cluster traffic counters, and the JFR events of sessions opening and closing. */
class ClusterStatsTest {

  private static Node node(String name) {
    return Node.create(
        name,
        NodeConfig.builder()
            .cookie(RawPeer.COOKIE)
            .handshakeTimeout(Duration.ofSeconds(5))
            .build());
  }

  @Test
  void framesAndBytesAreCountedBothWaysAndSessionsAreRecorded() throws Exception {
    Path file = Files.createTempFile("troupe", ".jfr");
    try (Recording recording = new Recording();
        Node alpha = node("alpha");
        Node beta = node("beta")) {
      recording.enable("io.troupe.SessionOpened");
      recording.enable("io.troupe.SessionClosed");
      recording.start();
      assertEquals(new ClusterStats(0, 0, 0, 0, 0), alpha.cluster().stats());
      alpha.cluster().connect("127.0.0.1", beta.cluster().listen("127.0.0.1", 0).getPort());
      Await.until("beta sees alpha", () -> beta.cluster().stats().sessions() == 1);
      ClusterStats a = alpha.cluster().stats();
      assertEquals(1, a.sessions());
      assertTrue(a.framesOut() >= 2 && a.framesIn() >= 2, a.toString()); // the handshake both ways
      assertTrue(a.bytesOut() > 4 * a.framesOut() && a.bytesIn() > 4 * a.framesIn(), a.toString());
      Await.until(
          "what alpha wrote beta read",
          () -> {
            ClusterStats x = alpha.cluster().stats();
            ClusterStats y = beta.cluster().stats();
            return x.bytesOut() == y.bytesIn() && x.framesOut() == y.framesIn();
          });
      alpha.cluster().disconnect("beta");
      Await.until("the session is gone", () -> alpha.cluster().stats().sessions() == 0);
      Await.until("beta's too", () -> beta.cluster().stats().sessions() == 0);
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    Files.deleteIfExists(file);
    List<String> opened =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("io.troupe.SessionOpened"))
            .map(
                e ->
                    e.getString("node")
                        + "<-"
                        + e.getString("peer")
                        + (e.getBoolean("outbound") ? " out" : " in"))
            .sorted()
            .toList();
    assertEquals(List.of("alpha<-\"beta\" out", "beta<-\"alpha\" in"), opened);
    long closed =
        events.stream()
            .filter(
                e ->
                    e.getEventType().getName().equals("io.troupe.SessionClosed")
                        && e.getBoolean("authenticated"))
            .count();
    assertEquals(2, closed, events::toString);
  }
}
