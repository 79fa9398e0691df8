package io.troupe.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.Node;
import io.troupe.SpawnException;
import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisionTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final Node node = Node.create("supervision");

  @AfterEach
  void close() {
    node.close();
  }

  enum Hook {
    POST_START,
    HANDLE,
    POST_STOP
  }

  /** A child that throws from one chosen hook. */
  static Actor<String, Object, Void> failingIn(Hook hook, RuntimeException error) {
    return new Actor<>() {
      @Override
      public Object preStart(ActorRef<String> self, Void args) {
        if (hook == Hook.POST_STOP) {
          self.stop("trigger post stop");
        }
        return "s";
      }

      @Override
      public Object postStart(ActorRef<String> self, Object s) {
        if (hook == Hook.POST_START) {
          throw error;
        }
        return s;
      }

      @Override
      public Object handle(ActorRef<String> self, String m, Object s) {
        if (hook == Hook.HANDLE) {
          throw error;
        }
        return s;
      }

      @Override
      public void postStop(ActorRef<String> self, Object s) {
        if (hook == Hook.POST_STOP) {
          throw error;
        }
      }
    };
  }

  @Test
  void failureInAnyLaterHookReachesTheSupervisorAsActorFailed() {
    for (Hook hook : Hook.values()) {
      RuntimeException error = new RuntimeException("boom in " + hook);
      Behaviours.EventRecorder<String> sup = new Behaviours.EventRecorder<>();
      ActorRef<String> supRef = node.spawn(sup, null);
      ActorRef<String> child = node.spawnLinked(null, failingIn(hook, error), null, supRef);
      assertEquals(Optional.of(supRef), child.supervisor());
      if (hook == Hook.HANDLE) {
        child.cast("fail now");
      }
      assertTrue(child.awaitExit(WAIT), hook.toString());
      Await.until(
          "failure reported for " + hook,
          () -> !sup.eventsOf(SupervisionEvent.ActorFailed.class).isEmpty());
      SupervisionEvent.ActorFailed failed = sup.eventsOf(SupervisionEvent.ActorFailed.class).get(0);
      assertEquals(child, failed.actor());
      assertSame(error, failed.error());
      assertEquals(List.of(), supRef.children(), "child removed from the supervisor");
    }
  }

  @Test
  void defaultSupervisorStopsWhenAChildTerminatesOrFails() {
    for (boolean fail : new boolean[] {false, true}) {
      ActorRef<String> sup = node.spawn(Behaviours.idle(), null);
      ActorRef<String> child =
          node.spawnLinked(null, failingIn(Hook.HANDLE, new RuntimeException("x")), null, sup);
      if (fail) {
        child.cast("fail");
      } else {
        child.stop();
      }
      assertTrue(
          sup.awaitExit(WAIT), "supervisor stopped after child " + (fail ? "failed" : "stopped"));
    }
  }

  @Test
  void monitorsReceiveEventsWithoutStopping() {
    ActorRef<String> monitor = node.spawn(Behaviours.idle(), null);
    ActorRef<String> target = node.spawn(Behaviours.idle(), null);
    monitor.monitor(target);
    target.stop("bye");
    assertTrue(target.awaitExit(WAIT));
    assertTrue(
        monitor.awaitExit(Duration.ofMillis(100)) == false, "a monitor does not stop by default");
    assertEquals(ActorStatus.RUNNING, monitor.status());
  }

  @Test
  void monitorSeesTerminationWithReasonAndLastState() {
    Behaviours.EventRecorder<String> monitor = new Behaviours.EventRecorder<>();
    ActorRef<String> monitorRef = node.spawn(monitor, null);
    ActorRef<String> target = node.spawn(Behaviours.idle(), null);
    monitorRef.monitor(target);
    target.stop("because");
    Await.until(
        "terminated seen",
        () -> !monitor.eventsOf(SupervisionEvent.ActorTerminated.class).isEmpty());
    SupervisionEvent.ActorTerminated t =
        monitor.eventsOf(SupervisionEvent.ActorTerminated.class).get(0);
    assertEquals(Optional.of("because"), t.reason());
    assertEquals(Optional.of("state"), t.lastState());
  }

  @Test
  void killIsReportedAsTerminatedWithReasonKilledAndNoState() {
    Behaviours.EventRecorder<String> monitor = new Behaviours.EventRecorder<>();
    ActorRef<String> monitorRef = node.spawn(monitor, null);
    ActorRef<String> target = node.spawn(Behaviours.idle(), null);
    monitorRef.monitor(target);
    target.kill();
    Await.until(
        "terminated seen",
        () -> !monitor.eventsOf(SupervisionEvent.ActorTerminated.class).isEmpty());
    SupervisionEvent.ActorTerminated t =
        monitor.eventsOf(SupervisionEvent.ActorTerminated.class).get(0);
    assertEquals(Optional.of("killed"), t.reason());
    assertEquals(Optional.empty(), t.lastState());
  }

  @Test
  void demonitorStopsTheEvents() {
    Behaviours.EventRecorder<String> monitor = new Behaviours.EventRecorder<>();
    ActorRef<String> monitorRef = node.spawn(monitor, null);
    ActorRef<String> target = node.spawn(Behaviours.idle(), null);
    ActorRef<String> other = node.spawn(Behaviours.idle(), null);
    monitorRef.monitor(target);
    monitorRef.monitor(other);
    monitorRef.demonitor(target);
    target.stop();
    assertTrue(target.awaitExit(WAIT));
    other.stop();
    // ActorStarted may come too (postStart runs in the actor's first burst, maybe after monitor()).
    Await.until(
        "other's termination seen",
        () -> !monitor.eventsOf(SupervisionEvent.ActorTerminated.class).isEmpty());
    List<SupervisionEvent.ActorTerminated> ends =
        monitor.eventsOf(SupervisionEvent.ActorTerminated.class);
    assertEquals(other, ends.get(0).actor());
    assertEquals(1, ends.size());
  }

  @Test
  void supervisorReceivesActorStarted() {
    Behaviours.EventRecorder<String> sup = new Behaviours.EventRecorder<>();
    ActorRef<String> supRef = node.spawn(sup, null);
    ActorRef<String> child = node.spawnLinked(null, Behaviours.idle(), null, supRef);
    Await.until("started seen", () -> !sup.eventsOf(SupervisionEvent.ActorStarted.class).isEmpty());
    assertEquals(child, sup.eventsOf(SupervisionEvent.ActorStarted.class).get(0).actor());
  }

  @Test
  void whenASupervisorEndsItsDescendantsAreKilledDepthFirstWithoutPostStop() {
    AtomicInteger postStops = new AtomicInteger();
    Actor<String, Object, Void> counted = countingPostStops(postStops);
    for (String how : List.of("stop", "kill", "fail")) {
      postStops.set(0);
      ActorRef<String> root =
          node.spawn(failingIn(Hook.HANDLE, new RuntimeException("root fails")), null);
      ActorRef<String> child = node.spawnLinked(null, counted, null, root);
      ActorRef<String> grandchild = node.spawnLinked(null, counted, null, child);
      assertEquals(List.of(child), root.children());
      assertEquals(List.of(grandchild), child.children());
      switch (how) {
        case "stop" -> root.stop();
        case "kill" -> root.kill();
        default -> root.cast("fail");
      }
      assertTrue(root.awaitExit(WAIT));
      assertTrue(child.awaitExit(WAIT), how);
      assertTrue(grandchild.awaitExit(WAIT), how);
      assertEquals(0, postStops.get(), "descendants are killed, not stopped (" + how + ")");
    }
  }

  @Test
  void stopChildrenAndWaitStopsThemGracefully() {
    AtomicInteger postStops = new AtomicInteger();
    Actor<String, Object, Void> counted = countingPostStops(postStops);
    Behaviours.EventRecorder<String> sup = new Behaviours.EventRecorder<>();
    ActorRef<String> supRef = node.spawn(sup, null);
    for (int i = 0; i < 5; i++) {
      node.spawnLinked(null, counted, null, supRef);
    }
    assertTrue(supRef.stopChildrenAndWait("tidy", WAIT));
    assertEquals(5, postStops.get());
    Await.until("children gone", () -> supRef.children().isEmpty());
  }

  @Test
  void drainChildrenAndWaitDrainsThem() {
    AtomicInteger handled = new AtomicInteger();
    Behaviours.EventRecorder<String> sup = new Behaviours.EventRecorder<>();
    ActorRef<String> supRef = node.spawn(sup, null);
    ActorRef<String> child =
        node.spawnLinked(
            null, Behaviours.<String>handling((s, m) -> handled.incrementAndGet()), null, supRef);
    for (int i = 0; i < 50; i++) {
      child.cast("m");
    }
    assertTrue(supRef.drainChildrenAndWait(WAIT));
    assertEquals(50, handled.get());
  }

  @Test
  void linkReplacesTheOldSupervisorAndUnlinkRemovesIt() {
    ActorRef<String> first = node.spawn(new Behaviours.EventRecorder<>(), null);
    ActorRef<String> second = node.spawn(new Behaviours.EventRecorder<>(), null);
    ActorRef<String> child = node.spawnLinked(null, Behaviours.idle(), null, first);
    child.link(second);
    assertEquals(List.of(), first.children());
    assertEquals(List.of(child), second.children());
    assertEquals(Optional.of(second), child.supervisor());
    child.unlink(second);
    assertEquals(List.of(), second.children());
    assertEquals(Optional.empty(), child.supervisor());
  }

  @Test
  void linkingToAStoppedOrDrainingSupervisorIsRefused() {
    ActorRef<String> sup = node.spawn(Behaviours.idle(), null);
    ActorRef<String> child = node.spawn(Behaviours.idle(), null);
    sup.drain();
    assertThrows(IllegalStateException.class, () -> child.link(sup));
    assertTrue(sup.awaitExit(WAIT));
    assertThrows(IllegalStateException.class, () -> child.link(sup));
    assertThrows(SpawnException.class, () -> node.spawnLinked(null, Behaviours.idle(), null, sup));
  }

  @Test
  void failedPreStartOfALinkedChildLeavesNoLink() {
    ActorRef<String> sup = node.spawn(new Behaviours.EventRecorder<>(), null);
    Actor<String, Object, Void> bad =
        new Actor<>() {
          @Override
          public Object preStart(ActorRef<String> self, Void args) {
            throw new IllegalArgumentException("no");
          }
        };
    assertThrows(SpawnException.class, () -> node.spawnLinked("bad", bad, null, sup));
    assertEquals(List.of(), sup.children());
    // spawn returns after preStart; RUNNING follows postStart, so the supervisor may still be on
    // its way there — but it must get there, untouched by the child's failed start.
    io.troupe.testing.Await.until("the supervisor runs", () -> sup.status() == ActorStatus.RUNNING);
    assertEquals(List.of(), sup.children());
  }

  @Test
  void aFailureWhileHandlingAChildsFailurePropagatesToTheNextSupervisor() {
    Behaviours.EventRecorder<String> top = new Behaviours.EventRecorder<>();
    ActorRef<String> topRef = node.spawn(top, null);
    Actor<String, Object, Void> midpoint =
        new Actor<>() {
          @Override
          public Object preStart(ActorRef<String> self, Void args) {
            return "mid";
          }

          @Override
          public Object handleSupervisorEvent(ActorRef<String> self, SupervisionEvent e, Object s) {
            if (e instanceof SupervisionEvent.ActorFailed) {
              throw new IllegalStateException("boom again");
            }
            return s;
          }
        };
    ActorRef<String> mid = node.spawnLinked(null, midpoint, null, topRef);
    ActorRef<String> child =
        node.spawnLinked(null, failingIn(Hook.HANDLE, new RuntimeException("boom")), null, mid);
    child.cast("fail");
    assertTrue(mid.awaitExit(WAIT));
    assertTrue(child.awaitExit(WAIT));
    Await.until("top told", () -> !top.eventsOf(SupervisionEvent.ActorFailed.class).isEmpty());
    SupervisionEvent.ActorFailed failed = top.eventsOf(SupervisionEvent.ActorFailed.class).get(0);
    assertEquals(mid, failed.actor());
    assertEquals("boom again", failed.error().getMessage());
    assertEquals(List.of(), topRef.children());
  }

  /** An idle actor that counts how many times its postStop ran. */
  private static Actor<String, Object, Void> countingPostStops(AtomicInteger postStops) {
    return new Actor<>() {
      @Override
      public Object preStart(ActorRef<String> self, Void args) {
        return "s";
      }

      @Override
      public void postStop(ActorRef<String> self, Object s) {
        postStops.incrementAndGet();
      }
    };
  }
}
