package io.troupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** How {@link Node#close(Duration)} ends actors whose links cross nodes of this JVM. */
class NodeCloseTest {

  /**
   * A child on node {@code a} whose supervisor is on node {@code b} is a root of {@code a}: closing
   * {@code a} drains it at once (its queued messages are handled) rather than waiting the whole
   * grace and then stopping it, which turned its queued messages into dead letters.
   */
  @Test
  void aChildSupervisedFromAnotherNodeOfThisJvmIsDrainedAtOnce() {
    try (Node b = Node.create("close-b")) {
      Node a = Node.create("close-a");
      ActorRef<String> supervisor = b.spawn(new Behaviours.EventRecorder<String>(), null);
      List<String> handled = new CopyOnWriteArrayList<>();
      ActorRef<String> child =
          a.spawnLinked(
              null,
              Behaviours.<String>handling(
                  (self, message) -> {
                    Thread.sleep(20);
                    handled.add(message);
                  }),
              null,
              supervisor);
      for (int i = 0; i < 5; i++) {
        child.cast("m" + i);
      }
      Duration grace = Duration.ofSeconds(30);
      long started = System.nanoTime();
      a.close(grace);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertTrue(
          took.compareTo(Duration.ofSeconds(10)) < 0,
          "close took " + took + " of its " + grace + " grace");
      assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), handled);
      assertEquals(0, a.deadLetters().count());
      assertEquals(ActorStatus.STOPPED, child.status());
    }
  }
}
