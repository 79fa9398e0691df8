package io.troupe.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.behaviour.StateMachine;
import io.troupe.behaviour.Transition;
import io.troupe.supervision.Backoff;
import io.troupe.supervision.ChildSpec;
import io.troupe.supervision.Supervisor;
import io.troupe.supervision.SupervisorEvent;
import io.troupe.supervision.SupervisorSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The supervisor's backoff and a state machine's timeout driven by the kit's ManualTime, as a user
 * tests them.
 */
class SupervisorManualTimeTest {

  @RegisterExtension final TroupeExtension troupe = TroupeExtension.withManualTime();

  /** Fails on "fail". */
  static final class Flaky implements Actor<String, String, Void> {
    @Override
    public String preStart(ActorRef<String> self, Void args) {
      return "up";
    }

    @Override
    public String handle(ActorRef<String> self, String m, String s) {
      if (m.equals("fail")) {
        throw new IllegalStateException("asked to fail");
      }
      return s;
    }
  }

  @Test
  void aRestartWaitsForItsBackoffOnTheManualClock() {
    troupe.allowFailures();
    TestProbe<SupervisorEvent> events = troupe.probe();
    Supervisor sup =
        Supervisor.start(
            troupe.node(),
            null,
            SupervisorSpec.builder()
                .backoff(Backoff.exponential(Duration.ofMinutes(1), Duration.ofMinutes(10), 0))
                .onEvent(e -> events.ref().cast(e))
                .child(ChildSpec.of("flaky", new Flaky(), null))
                .build());
    events.expectMessage(SupervisorEvent.ChildStarted.class);
    @SuppressWarnings("unchecked")
    ActorRef<String> flaky =
        (ActorRef<String>) sup.child("flaky", Duration.ofSeconds(5)).orElseThrow();
    flaky.cast("fail");
    events.expectMessage(SupervisorEvent.ChildEnded.class);
    assertEquals(
        Duration.ofMinutes(1),
        events.expectMessage(SupervisorEvent.RestartScheduled.class).delay());
    troupe.time().awaitTimers(1);
    troupe.time().advance(Duration.ofSeconds(59));
    events.expectNoMessage(Duration.ofMillis(100));
    troupe.time().advance(Duration.ofSeconds(1));
    assertEquals(1, events.expectMessage(SupervisorEvent.ChildStarted.class).restarts());
  }

  /** A light that goes off by itself a minute after it was switched on. */
  static final class Light extends StateMachine<String, Boolean, ActorRef<String>> {
    private ActorRef<String> out;

    @Override
    protected Boolean initialState(ActorRef<String> self, ActorRef<String> out) {
      this.out = out;
      return false;
    }

    @Override
    protected Transition<Boolean> onEnter(ActorRef<String> self, Boolean on) {
      out.cast(on ? "on" : "off");
      return Transition.stay();
    }

    @Override
    protected Transition<Boolean> onMessage(ActorRef<String> self, Boolean on, String m) {
      return m.equals("switch") ? Transition.next(!on, Duration.ofMinutes(1)) : Transition.stay();
    }

    @Override
    protected Transition<Boolean> onStateTimeout(ActorRef<String> self, Boolean on) {
      return Transition.next(false);
    }
  }

  @Test
  void aStateTimeoutFiresOnTheManualClock() {
    TestProbe<String> out = troupe.probe();
    ActorRef<String> light = troupe.node().spawn(new Light(), out.ref());
    out.expectMessage("off");
    light.cast("switch");
    out.expectMessage("on");
    troupe.time().awaitTimers(1);
    troupe.time().advance(Duration.ofSeconds(59));
    out.expectNoMessage(Duration.ofMillis(100));
    troupe.time().advance(Duration.ofSeconds(1));
    out.expectMessage("off");
  }
}
