package io.troupe.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.internal.LocalActorRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Keyed timers on real time, replaced over and over while they fire: a message of a replaced timer
 * that was already queued must never be accepted.
 */
class TimersRaceTest {
  static final int ROUNDS = 1_500;

  /** One timer message; each generation has its own object. */
  record Tick(int generation) {}

  static final class State {
    final Timers<Object> timers;
    Tick current;
    int round;

    State(Timers<Object> timers) {
      this.timers = timers;
    }
  }

  @Test
  void aReplacedTimersQueuedMessagesAreNeverAccepted() throws Exception {
    AtomicInteger stale = new AtomicInteger();
    AtomicInteger wrong = new AtomicInteger();
    CompletableFuture<Integer> done = new CompletableFuture<>();
    try (Node node = Node.create("timers-race")) {
      ActorRef<Object> a =
          node.spawn(
              new Actor<Object, State, Void>() {
                @Override
                public State preStart(ActorRef<Object> self, Void args) {
                  State s = new State(Timers.of(self));
                  restart(s);
                  return s;
                }

                private void restart(State s) {
                  s.current = new Tick(s.round);
                  // Mix the three kinds; a short period so that firings race with the replacement.
                  switch (s.round % 3) {
                    case 0 -> s.timers.startFixedRate("k", Duration.ofNanos(200_000), s.current);
                    case 1 -> s.timers.startFixedDelay("k", Duration.ofNanos(200_000), s.current);
                    default -> s.timers.startSingle("k", Duration.ZERO, s.current);
                  }
                }

                @Override
                public State handle(ActorRef<Object> self, Object m, State s) {
                  if (!s.timers.received(m)) {
                    stale.incrementAndGet();
                    return s;
                  }
                  if (m != s.current) {
                    wrong.incrementAndGet(); // an accepted message of an older generation
                  }
                  if (++s.round == ROUNDS) {
                    s.timers.cancelAll();
                    done.complete(s.round);
                  } else {
                    restart(s);
                  }
                  return s;
                }
              },
              null);
      assertEquals(ROUNDS, done.get(60, TimeUnit.SECONDS));
      assertEquals(
          0,
          wrong.get(),
          "accepted messages of replaced timers (" + stale.get() + " were refused)");
      assertTrue(a.stopAndWait("done", Duration.ofSeconds(10)));
      assertEquals(0, ((LocalActorRef<?>) a).cell().armedTimers());
    }
  }
}
