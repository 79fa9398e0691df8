package io.troupe.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final Node node = Node.create("timers");

  @AfterEach
  void close() {
    node.close();
  }

  private ActorRef<String> counting(AtomicInteger count) {
    return node.spawn(Behaviours.<String>handling((self, m) -> count.incrementAndGet()), null);
  }

  @Test
  void sendAfterDeliversOnce() {
    AtomicInteger count = new AtomicInteger();
    ActorRef<String> ref = counting(count);
    TimerHandle h = ref.sendAfter(Duration.ofMillis(10), () -> "tick");
    Await.until("delivered", () -> count.get() == 1);
    assertFalse(h.isCancelled());
  }

  @Test
  void sendIntervalRepeatsUntilCancelled() {
    AtomicInteger count = new AtomicInteger();
    ActorRef<String> ref = counting(count);
    TimerHandle h = ref.sendInterval(Duration.ofMillis(5), () -> "tick");
    Await.until("several ticks", () -> count.get() >= 5);
    h.cancel();
    assertTrue(h.isCancelled());
    int atCancel = count.get();
    // A tick already queued may still land; after that no more arrive.
    AtomicInteger witnessed = new AtomicInteger();
    counting(witnessed).sendAfter(Duration.ofMillis(50), () -> "later");
    Await.until("ten periods passed", () -> witnessed.get() == 1);
    assertTrue(count.get() <= atCancel + 1, count.get() + " > " + (atCancel + 1));
  }

  @Test
  void cancelledSendAfterNeverDelivers() throws Exception {
    AtomicInteger count = new AtomicInteger();
    ActorRef<String> ref = counting(count);
    TimerHandle h = ref.sendAfter(Duration.ofMillis(100), () -> "tick");
    h.cancel();
    AtomicInteger marker = new AtomicInteger();
    ActorRef<String> witness = counting(marker);
    witness.sendAfter(Duration.ofMillis(200), () -> "done");
    Await.until("witness fired after the cancelled timer's time", () -> marker.get() == 1);
    assertEquals(0, count.get());
  }

  @Test
  void exitAfterStopsGracefully() {
    ActorRef<String> ref = counting(new AtomicInteger());
    ref.exitAfter(Duration.ofMillis(10));
    assertTrue(ref.awaitExit(WAIT));
  }

  @Test
  void killAfterKills() {
    ActorRef<String> ref = counting(new AtomicInteger());
    ref.killAfter(Duration.ofMillis(10));
    assertTrue(ref.awaitExit(WAIT));
  }

  @Test
  void timersEndWhenTheActorStops() {
    ActorRef<String> ref = counting(new AtomicInteger());
    TimerHandle interval = ref.sendInterval(Duration.ofMillis(5), () -> "tick");
    TimerHandle later = ref.sendAfter(Duration.ofMinutes(5), () -> "tick");
    assertTrue(ref.stopAndWait(null, WAIT));
    assertTrue(interval.isCancelled());
    assertTrue(later.isCancelled());
  }
}
