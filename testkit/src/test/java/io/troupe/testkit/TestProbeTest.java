package io.troupe.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TroupeExtension.class)
class TestProbeTest {

  private static final Duration SHORT = Duration.ofMillis(100);

  /** An actor that does nothing but live until it is stopped. */
  private static ActorRef<String> idle(Node node) {
    return node.spawn(
        new Actor<String, Void, Void>() {
          @Override
          public Void preStart(ActorRef<String> self, Void args) {
            return null;
          }
        },
        null);
  }

  @Test
  void expectationsPassOnWhatArrivesAndFailWithWhatDidNot(Node node) {
    TestProbe<Object> probe = TestProbe.spawn(node);
    probe.ref().cast("one");
    probe.ref().cast(2);
    assertEquals("one", probe.expectMessage("one"));
    assertEquals(2, probe.expectMessage(Integer.class));

    AssertionError none = assertThrows(AssertionError.class, () -> probe.expectMessage(SHORT));
    assertTrue(none.getMessage().contains("got none"), none.getMessage());
    probe.ref().cast("three");
    AssertionError wrong = assertThrows(AssertionError.class, () -> probe.expectMessage("four"));
    assertTrue(wrong.getMessage().contains("expected four, got three"), wrong.getMessage());
    probe.ref().cast("five");
    AssertionError type =
        assertThrows(AssertionError.class, () -> probe.expectMessage(Integer.class));
    assertTrue(type.getMessage().contains("got five"), type.getMessage());
  }

  @Test
  void expectNoMessageFailsOnAMessageThatArrivesInTheWindow(Node node) {
    TestProbe<String> probe = TestProbe.spawn(node);
    probe.expectNoMessage(SHORT);
    probe.ref().sendAfter(Duration.ofMillis(20), () -> "late");
    AssertionError error =
        assertThrows(AssertionError.class, () -> probe.expectNoMessage(Duration.ofSeconds(5)));
    assertTrue(error.getMessage().contains("got late"), error.getMessage());
  }

  @Test
  void aProbeLinkedAsSupervisorHearsItsChildEndOnceAndNothingAfter(Node node) {
    TestProbe<Object> supervisor = TestProbe.spawn(node);
    ActorRef<String> child = idle(node);
    child.link(supervisor.ref());
    supervisor.expectNoSupervisionEvent(SHORT);
    child.stop("done");
    SupervisionEvent.ActorTerminated end =
        supervisor.expectSupervisionEvent(
            SupervisionEvent.ActorTerminated.class, Duration.ofSeconds(5));
    assertEquals(child, end.actor());
    assertEquals(java.util.Optional.of("done"), end.reason());
    supervisor.expectNoSupervisionEvent(SHORT);
    assertTrue(supervisor.ref().status().acceptsMessages(), "a probe does not stop with its child");
  }

  /**
   * Fails without the skip: the probe links before postStart has run, so it hears the start first.
   */
  @Test
  void aStartThatRacedWithTheLinkIsSkippedUnlessAskedFor(Node node) throws Exception {
    java.util.concurrent.CountDownLatch postStart = new java.util.concurrent.CountDownLatch(1);
    ActorRef<String> child =
        node.spawn(
            new Actor<String, Void, Void>() {
              @Override
              public Void preStart(ActorRef<String> self, Void args) {
                return null;
              }

              @Override
              public Void postStart(ActorRef<String> self, Void state) throws InterruptedException {
                postStart.await(); // the start is reported only after this returns
                return state;
              }
            },
            null);
    TestProbe<Object> supervisor = TestProbe.spawn(node);
    TestProbe<Object> starts = TestProbe.spawn(node);
    child.link(supervisor.ref());
    starts.watch(child);
    postStart.countDown();
    assertEquals(
        child,
        starts
            .expectSupervisionEvent(SupervisionEvent.ActorStarted.class, Duration.ofSeconds(5))
            .actor());
    supervisor.expectNoSupervisionEvent(SHORT); // the start is not "an event" here
    child.stop("done");
    assertEquals(
        java.util.Optional.of("done"),
        supervisor
            .expectSupervisionEvent(SupervisionEvent.ActorTerminated.class, Duration.ofSeconds(5))
            .reason());
  }

  @Test
  void expectNoSupervisionEventFailsOnAnEventThatArrivesInTheWindow(Node node) {
    TestProbe<Object> probe = TestProbe.spawn(node);
    ActorRef<String> target = idle(node);
    probe.watch(target);
    target.exitAfter(Duration.ofMillis(20));
    AssertionError error =
        assertThrows(
            AssertionError.class, () -> probe.expectNoSupervisionEvent(Duration.ofSeconds(5)));
    assertTrue(error.getMessage().contains("ActorTerminated"), error.getMessage());
  }

  @Test
  void fishForMessageSkipsToTheFirstMatch(Node node) {
    TestProbe<String> probe = TestProbe.spawn(node);
    for (String s : List.of("a", "b", "target", "c")) {
      probe.ref().cast(s);
    }
    assertEquals("target", probe.fishForMessage(s -> s.startsWith("t"), Duration.ofSeconds(5)));
    assertEquals("c", probe.expectMessage());
    AssertionError error =
        assertThrows(AssertionError.class, () -> probe.fishForMessage("x"::equals, SHORT));
    assertTrue(error.getMessage().contains("no matching message"), error.getMessage());
  }

  @Test
  void expectTerminatedWaitsForTheEndAndFailsIfItDoesNotCome(Node node) {
    TestProbe<String> probe = TestProbe.spawn(node);
    TestProbe<String> other = TestProbe.spawn(node);
    AssertionError alive =
        assertThrows(AssertionError.class, () -> probe.expectTerminated(other.ref(), SHORT));
    assertTrue(alive.getMessage().contains("RUNNING"), alive.getMessage());
    other.ref().exitAfter(Duration.ofMillis(20));
    probe.expectTerminated(other.ref());
    probe.expectTerminated(other.ref()); // already ended: still passes
  }

  @Test
  void aWatchingProbeSeesTheFailureOfTheWatched(Node node, TroupeExtension troupe) {
    TestProbe<String> probe = TestProbe.spawn(node);
    ActorRef<String> fragile =
        node.spawn(
            new Actor<String, Void, Void>() {
              @Override
              public Void preStart(ActorRef<String> self, Void args) {
                return null;
              }

              @Override
              public Void handle(ActorRef<String> self, String msg, Void state) {
                throw new IllegalStateException("boom: " + msg);
              }
            },
            null);
    probe.watch(fragile);
    fragile.cast("now");
    SupervisionEvent.ActorFailed failed =
        probe.expectSupervisionEvent(SupervisionEvent.ActorFailed.class, Duration.ofSeconds(5));
    assertEquals("boom: now", failed.error().getMessage());
    assertEquals("boom: now", troupe.expectFailure(fragile).getMessage());
  }
}
