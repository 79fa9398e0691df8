package io.troupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DerivedRefTest {
  private final Node node = Node.create("derived");

  @AfterEach
  void close() {
    node.close();
  }

  @Test
  void aDerivedRefConvertsAndKeepsTheOriginalsIdentity() {
    List<String> got = new CopyOnWriteArrayList<>();
    ActorRef<String> original =
        node.spawn("original", Behaviours.<String>handling((self, m) -> got.add(m)), null);
    ActorRef<Integer> numbers = original.contramap(n -> "#" + n);
    ActorRef<Long> longs = numbers.map(Long::intValue);
    numbers.cast(1);
    longs.cast(2L);
    Await.until("converted", () -> got.equals(List.of("#1", "#2")));
    assertEquals(original, numbers);
    assertEquals(original.hashCode(), longs.hashCode());
    assertEquals(original.id(), longs.id());
    assertEquals(original.name(), numbers.name());
    assertEquals(ActorStatus.RUNNING, numbers.status());
    assertTrue(longs.stopAndWait("via the derived ref", Duration.ofSeconds(5)));
    assertEquals(ActorStatus.STOPPED, original.status());
    assertEquals(ActorStatus.STOPPED, numbers.status());
  }
}
