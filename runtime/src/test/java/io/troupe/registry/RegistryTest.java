package io.troupe.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final Node node = Node.create("registry");

  @AfterEach
  void close() {
    node.close();
  }

  private static List<RegistryEvent> events(Behaviours.EventRecorder<String> r) {
    return r.eventsOf(SupervisionEvent.PidLifecycleEvent.class).stream()
        .map(SupervisionEvent.PidLifecycleEvent::event)
        .toList();
  }

  @Test
  void whereIsAndRegisteredFollowTheActorsLife() {
    ActorRef<String> a = node.spawn("alpha", Behaviours.idle(), null);
    node.spawn(Behaviours.idle(), null); // unnamed: not registered
    assertEquals(Optional.of(a), node.registry().whereIs("alpha"));
    assertEquals(Set.of("alpha"), node.registry().registered());
    assertTrue(a.killAndWait(WAIT));
    assertEquals(Optional.empty(), node.registry().whereIs("alpha"));
    assertEquals(Set.of(), node.registry().registered());
  }

  @Test
  void namesAreReleasedWhenAnActorFails() {
    ActorRef<String> a =
        node.spawn(
            "fragile",
            Behaviours.<String>handling(
                (self, m) -> {
                  throw new IllegalStateException(m);
                }),
            null);
    a.cast("break");
    assertTrue(a.awaitExit(WAIT));
    assertTrue(node.registry().whereIs("fragile").isEmpty());
  }

  @Test
  void nodesHaveSeparateRegistries() {
    try (Node other = Node.create("other")) {
      ActorRef<String> here = node.spawn("same-name", Behaviours.idle(), null);
      ActorRef<String> there = other.spawn("same-name", Behaviours.idle(), null);
      assertEquals(Optional.of(here), node.registry().whereIs("same-name"));
      assertEquals(Optional.of(there), other.registry().whereIs("same-name"));
    }
  }

  @Test
  void monitorsReceiveRegistrationsAndReleasesUntilDemonitored() {
    Behaviours.EventRecorder<String> watcher = new Behaviours.EventRecorder<>();
    ActorRef<String> watcherRef = node.spawn(watcher, null);
    node.registry().monitor(watcherRef);
    ActorRef<String> a = node.spawn("watched", Behaviours.idle(), null);
    assertTrue(a.stopAndWait(null, WAIT));
    Await.until("two events", () -> events(watcher).size() == 2);
    assertEquals(
        List.of(
            new RegistryEvent.Registered("watched", a),
            new RegistryEvent.Unregistered("watched", a)),
        events(watcher));
    node.registry().demonitor(watcherRef);
    Behaviours.EventRecorder<String> control = new Behaviours.EventRecorder<>();
    node.registry().monitor(node.spawn(control, null));
    node.spawn("unseen", Behaviours.idle(), null);
    Await.until("the control watcher saw it", () -> events(control).size() == 1);
    assertEquals(2, events(watcher).size());
  }
}
