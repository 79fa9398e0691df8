package io.troupe.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutputPortTest {
  private final Node node = Node.create("ports");

  @AfterEach
  void close() {
    node.close();
  }

  @Test
  void fiftySubscribersAllReceiveEveryValueInOrder() {
    OutputPort<Integer> port = new OutputPort<>();
    List<List<String>> received = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      List<String> got = new CopyOnWriteArrayList<>();
      received.add(got);
      port.subscribe(
          node.spawn(Behaviours.<String>handling((self, m) -> got.add(m)), null),
          v -> Optional.of("v" + v));
    }
    for (int v = 0; v < 10; v++) {
      port.send(v);
    }
    List<String> expected = List.of("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
    Await.until("all received", () -> received.stream().allMatch(expected::equals));
  }

  @Test
  void theConverterMayDropAValue() {
    OutputPort<Integer> port = new OutputPort<>();
    List<Integer> evens = new CopyOnWriteArrayList<>();
    port.subscribe(
        node.spawn(Behaviours.<Integer>handling((self, m) -> evens.add(m)), null),
        v -> v % 2 == 0 ? Optional.of(v) : Optional.empty());
    for (int v = 0; v < 10; v++) {
      port.send(v);
    }
    Await.until("evens received", () -> evens.equals(List.of(0, 2, 4, 6, 8)));
  }

  @Test
  void aStoppedSubscriberIsDroppedWithoutError() {
    OutputPort<String> port = new OutputPort<>();
    ActorRef<String> gone = node.spawn(Behaviours.idle(), null);
    List<String> got = new CopyOnWriteArrayList<>();
    ActorRef<String> alive = node.spawn(Behaviours.<String>handling((self, m) -> got.add(m)), null);
    port.subscribe(gone, Optional::of);
    port.subscribe(alive, Optional::of);
    assertTrue(gone.stopAndWait(null, Duration.ofSeconds(5)));
    port.send("hello");
    assertEquals(1, port.subscriberCount());
    Await.until("the live one received", () -> got.equals(List.of("hello")));
  }

  @Test
  void sendingWithNoSubscribersIsFine() {
    OutputPort<String> port = new OutputPort<>();
    port.send("nobody listens");
    assertEquals(0, port.subscriberCount());
  }
}
