package io.troupe.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.factory.DiscardReason;
import io.troupe.factory.Factory;
import io.troupe.factory.Job;
import io.troupe.factory.Worker;
import io.troupe.timer.TimerHandle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node's timers and its factories' clocks under a clock that only the test moves. */
class ManualTimeTest {

  @RegisterExtension final TroupeExtension troupe = TroupeExtension.withManualTime();

  /** Arms timers when asked; reports ticks and expiry to a probe. */
  sealed interface SessionMsg {
    record Arm(Duration idle) implements SessionMsg {}

    record Every(Duration period) implements SessionMsg {}

    record Tick() implements SessionMsg {}

    record Expire() implements SessionMsg {}
  }

  static final class Session implements Actor<SessionMsg, Integer, ActorRef<String>> {
    private ActorRef<String> out;

    @Override
    public Integer preStart(ActorRef<SessionMsg> self, ActorRef<String> out) {
      this.out = out;
      return 0;
    }

    @Override
    public Integer handle(ActorRef<SessionMsg> self, SessionMsg msg, Integer ticks) {
      return switch (msg) {
        case SessionMsg.Arm arm -> {
          self.sendAfter(arm.idle(), SessionMsg.Expire::new);
          yield ticks;
        }
        case SessionMsg.Every every -> {
          self.sendInterval(every.period(), SessionMsg.Tick::new);
          yield ticks;
        }
        case SessionMsg.Tick tick -> {
          out.cast("tick " + (ticks + 1));
          yield ticks + 1;
        }
        case SessionMsg.Expire expire -> {
          out.cast("expired");
          yield ticks;
        }
      };
    }
  }

  @Test
  void aTenMinuteTimerFiresWhenTheTestAdvancesTimeAndNotBefore() {
    ManualTime time = troupe.time();
    TestProbe<String> out = troupe.probe();
    ActorRef<SessionMsg> session = troupe.node().spawn(new Session(), out.ref());
    session.cast(new SessionMsg.Arm(Duration.ofMinutes(10)));
    time.awaitTimers(1);
    assertEquals(Optional.of(Duration.ofMinutes(10)), time.untilNextTimer());

    time.advance(Duration.ofMinutes(9).plusSeconds(59));
    out.expectNoMessage(Duration.ofMillis(100));
    time.advance(Duration.ofSeconds(1));
    out.expectMessage("expired");
    assertEquals(0, time.scheduledTimers());
    assertEquals(Duration.ofMinutes(10), time.elapsed());
  }

  @Test
  void anIntervalAdvancedOverNPeriodsFiresNTimesInOrder() {
    ManualTime time = troupe.time();
    TestProbe<String> out = troupe.probe();
    ActorRef<SessionMsg> session = troupe.node().spawn(new Session(), out.ref());
    session.cast(new SessionMsg.Every(Duration.ofSeconds(30)));
    time.awaitTimers(1);

    time.advance(Duration.ofMinutes(5));
    assertEquals(
        List.of(
            "tick 1", "tick 2", "tick 3", "tick 4", "tick 5", "tick 6", "tick 7", "tick 8",
            "tick 9", "tick 10"),
        out.receiveMessages(10, TestKitTimeouts.DEFAULT));
    out.expectNoMessage(Duration.ofMillis(50));
    assertEquals(
        Optional.of(Duration.ofSeconds(30)), time.untilNextTimer(), "the interval goes on");
  }

  @Test
  void exitAfterAndKillAfterEndTheActorAtTheirDeadlines() {
    ManualTime time = troupe.time();
    TestProbe<String> out = troupe.probe();
    ActorRef<SessionMsg> stopped = troupe.node().spawn(new Session(), out.ref());
    ActorRef<SessionMsg> killed = troupe.node().spawn(new Session(), out.ref());
    stopped.exitAfter(Duration.ofHours(1));
    killed.killAfter(Duration.ofHours(2));

    time.advance(Duration.ofMinutes(59));
    assertFalse(stopped.awaitExit(Duration.ofMillis(100)), "not before its hour");
    time.advance(Duration.ofMinutes(1));
    out.expectTerminated(stopped);
    assertFalse(killed.awaitExit(Duration.ofMillis(100)), "not before its two hours");
    time.advance(Duration.ofHours(1));
    out.expectTerminated(killed);
  }

  @Test
  void aCancelledTimerNeverFires() {
    ManualTime time = troupe.time();
    TestProbe<String> out = troupe.probe();
    TimerHandle handle = out.ref().sendAfter(Duration.ofSeconds(10), () -> "late");
    out.ref().sendAfter(Duration.ofSeconds(20), () -> "kept");
    handle.cancel();
    assertTrue(handle.isCancelled());
    assertEquals(1, time.scheduledTimers());
    time.advance(Duration.ofMinutes(1));
    out.expectMessage("kept");
    out.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void advanceToNextTimerJumpsExactlyToTheDeadline() {
    ManualTime time = troupe.time();
    TestProbe<String> out = troupe.probe();
    out.ref().sendAfter(Duration.ofMillis(1500), () -> "a");
    out.ref().sendAfter(Duration.ofDays(3), () -> "b");
    assertEquals(Optional.of(Duration.ofMillis(1500)), time.advanceToNextTimer());
    out.expectMessage("a");
    assertEquals(Optional.of(Duration.ofDays(3).minusMillis(1500)), time.advanceToNextTimer());
    out.expectMessage("b");
    assertEquals(Optional.empty(), time.advanceToNextTimer());
    assertThrows(IllegalArgumentException.class, () -> time.advance(Duration.ofSeconds(-1)));
  }

  @Test
  void aFactorysDeadMansSwitchRunsOnTheNodesClock() throws Exception {
    ManualTime time = troupe.time();
    TestProbe<String> discards = troupe.probe();
    CountDownLatch started = new CountDownLatch(1);
    Worker<String, String, Integer> hangs =
        new Worker<>() {
          @Override
          public Integer start(int index) {
            return index;
          }

          @Override
          public Integer handle(Job<String, String> job, Integer state) throws Exception {
            started.countDown();
            new CountDownLatch(1).await(); // until killed
            return state;
          }
        };
    Factory<String, String> factory =
        Factory.<String, String, Integer>builder(() -> hangs)
            .workers(1)
            .deadMansSwitch(Duration.ofMinutes(10))
            .discardHandler((job, reason) -> discards.ref().cast(reason + ":" + job.message()))
            .spawn(troupe.node(), null);
    factory.submit("k", "stuck job");
    assertTrue(started.await(5, TimeUnit.SECONDS));

    time.advance(Duration.ofMinutes(9));
    discards.expectNoMessage(Duration.ofMillis(100));
    // The switch checks every 2.5 min and a job is stuck once *more* than 10 min old: the check at
    // 10:00 may see exactly 10 min (if the factory handles it before time moves on), so go past
    // the check at 12:30.
    time.advance(Duration.ofMinutes(4));
    discards.expectMessage(DiscardReason.STUCK + ":stuck job");
    assertTrue(factory.ref().stopAndWait("done", Duration.ofSeconds(5)));
  }
}
