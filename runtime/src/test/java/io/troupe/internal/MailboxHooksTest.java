package io.troupe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.Node;
import io.troupe.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MailboxHooksTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Counts messages; the first waits for {@link #gate}; records the count at each emptied call. */
  static final class Batching implements Actor<Integer, Object, Void>, MailboxHooks<Object> {
    final CountDownLatch gate = new CountDownLatch(1);
    final List<Integer> emptiedAt = new CopyOnWriteArrayList<>();
    final boolean throwing;
    volatile int handled;

    Batching(boolean throwing) {
      this.throwing = throwing;
    }

    @Override
    public Object preStart(ActorRef<Integer> self, Void args) {
      return "s";
    }

    @Override
    public Object handle(ActorRef<Integer> self, Integer m, Object s) throws InterruptedException {
      if (m == 0) {
        gate.await();
      }
      handled++;
      return s;
    }

    @Override
    public Object mailboxEmptied(Object s) {
      emptiedAt.add(handled);
      if (throwing) {
        throw new IllegalStateException("hook failed");
      }
      return s;
    }
  }

  @Test
  void theHookRunsOnceAfterTheRunOfMessagesFoundInTheMailbox() {
    for (int variant = 0; variant < 3; variant++) {
      try (Node node = Node.create("hooks")) {
        Batching actor = new Batching(false);
        ActorRef<Integer> ref = node.spawn(null, actor, null);
        for (int i = 0; i < 100; i++) {
          ref.cast(i);
        }
        actor.gate.countDown();
        Await.until(
            "all handled and the hook run",
            () -> actor.handled == 100 && !actor.emptiedAt.isEmpty(),
            WAIT);
        assertEquals(List.of(100), actor.emptiedAt, "variant " + variant);
        ref.cast(1);
        Await.until("the hook after the next message", () -> actor.emptiedAt.size() == 2, WAIT);
        assertEquals(List.of(100, 101), actor.emptiedAt);
      }
    }
  }

  @Test
  void aHookThatThrowsEndsTheActorAsFailed() {
    try (Node node = Node.create("hooks")) {
      Batching actor = new Batching(true);
      actor.gate.countDown();
      ActorRef<Integer> ref = node.spawn(null, actor, null);
      ref.cast(1);
      assertTrue(ref.awaitExit(WAIT));
      assertEquals(ActorStatus.STOPPED, ref.status());
      assertEquals(List.of(1), actor.emptiedAt);
    }
  }

  /**
   * Keeps what it saw in its state, as every actor should; reports it on {@code "?"} and after each
   * run.
   */
  static final class Recording
      implements Actor<String, List<String>, Void>, MailboxHooks<List<String>> {
    final BlockingQueue<List<String>> reports = new LinkedBlockingQueue<>();

    @Override
    public List<String> preStart(ActorRef<String> self, Void args) {
      return List.of();
    }

    @Override
    public List<String> handle(ActorRef<String> self, String message, List<String> seen) {
      if (message.equals("?")) {
        reports.add(seen);
        return seen;
      }
      return append(seen, message);
    }

    @Override
    public List<String> mailboxEmptied(List<String> seen) {
      List<String> next = append(seen, "emptied");
      reports.add(next);
      return next;
    }

    private static List<String> append(List<String> list, String item) {
      List<String> next = new ArrayList<>(list);
      next.add(item);
      return List.copyOf(next);
    }
  }

  @Test
  void theStateTheHookReturnsIsTheStateTheNextHandlerGets() throws InterruptedException {
    try (Node node = Node.create("hooks")) {
      Recording actor = new Recording();
      ActorRef<String> ref = node.spawn(null, actor, null);
      ref.cast("a");
      assertEquals(List.of("a", "emptied"), actor.reports.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
      ref.cast("?");
      assertEquals(List.of("a", "emptied"), actor.reports.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
      assertEquals(
          List.of("a", "emptied", "emptied"),
          actor.reports.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
  }
}
