package io.troupe.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InterceptorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  sealed interface Msg {
    record Add(int n) implements Msg {}

    record Boom() implements Msg {}

    record Block(CountDownLatch started, CountDownLatch release) implements Msg {
      Block(CountDownLatch release) {
        this(new CountDownLatch(1), release);
      }
    }

    record Get(RpcReplyPort<Integer> reply) implements Msg {}
  }

  static class Counter implements Actor<Msg, int[], Void> {
    @Override
    public int[] preStart(ActorRef<Msg> self, Void args) {
      return new int[1];
    }

    @Override
    public int[] handle(ActorRef<Msg> self, Msg m, int[] s) throws Exception {
      switch (m) {
        case Msg.Add a -> s[0] += a.n();
        case Msg.Boom b -> throw new IllegalStateException("boom");
        case Msg.Block b -> {
          b.started().countDown();
          b.release().await();
        }
        case Msg.Get g -> g.reply().send(s[0]);
      }
      return s;
    }
  }

  /** Records every call, with the thread it ran on. */
  static final class Recorder implements Interceptor {
    final String name;
    final List<String> events;
    final List<Thread> sendThreads = new CopyOnWriteArrayList<>();
    final List<Thread> handleThreads = new CopyOnWriteArrayList<>();
    final List<Object> attachments = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    Recorder(String name, List<String> events) {
      this.name = name;
      this.events = events;
    }

    @Override
    public Object onSend(ActorRef<?> target, Object message) {
      sendThreads.add(Thread.currentThread());
      events.add(name + ".send " + message.getClass().getSimpleName());
      return name + ":" + message;
    }

    @Override
    public Object beforeHandle(ActorRef<?> self, Object message, Object attachment) {
      handleThreads.add(Thread.currentThread());
      attachments.add(attachment == null ? "none" : attachment);
      events.add(name + ".before " + message.getClass().getSimpleName());
      return name + "-token";
    }

    @Override
    public void afterHandle(ActorRef<?> self, Object message, Object token, Throwable failure) {
      assertEquals(name + "-token", token);
      if (failure != null) {
        failures.add(failure);
      }
      events.add(name + ".after " + message.getClass().getSimpleName());
    }
  }

  /**
   * Waits until {@code list} has {@code n} elements (afterHandle runs after the answer went out).
   */
  private static void awaitSize(List<?> list, int n) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (list.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(n, list.size(), list::toString);
  }

  private static int count(ActorRef<Msg> actor) {
    CallResult<Integer> r = actor.call(Msg.Get::new, WAIT);
    return ((CallResult.Success<Integer>) r).value();
  }

  @Test
  void nodeWideInterceptorsSeeSendsOnTheSenderAndHandlingOnTheActorNested() throws Exception {
    try (Node node = Node.create("intercept")) {
      List<String> events = new CopyOnWriteArrayList<>();
      Recorder a = new Recorder("a", events);
      Recorder b = new Recorder("b", events);
      node.intercept(a);
      ActorRef<Msg> actor = node.spawn(new Counter(), null); // spawned between the two installs
      node.intercept(b);
      actor.cast(new Msg.Add(2));
      awaitSize(events, 6);
      assertEquals(2, count(actor));
      awaitSize(events, 12);
      assertEquals(
          List.of(
              "a.send Add",
              "b.send Add",
              "a.before Add",
              "b.before Add",
              "b.after Add",
              "a.after Add",
              "a.send Get",
              "b.send Get",
              "a.before Get",
              "b.before Get",
              "b.after Get",
              "a.after Get"),
          events);
      assertEquals(Thread.currentThread(), a.sendThreads.get(0));
      assertNotEquals(Thread.currentThread(), a.handleThreads.get(0));
      assertEquals("a:" + new Msg.Add(2), a.attachments.get(0));
      assertEquals("b:" + new Msg.Add(2), b.attachments.get(0));
    }
  }

  @Test
  void perActorInterceptorSeesOnlyItsActorAndGoesWhenClosed() throws Exception {
    try (Node node = Node.create("intercept")) {
      List<String> events = new CopyOnWriteArrayList<>();
      Recorder own = new Recorder("own", events);
      ActorRef<Msg> watched = node.spawn(new Counter(), null);
      ActorRef<Msg> other = node.spawn(new Counter(), null);
      Installed installed = node.intercept(watched, own);
      other.cast(new Msg.Add(1));
      assertEquals(1, count(other));
      assertTrue(events.isEmpty(), events::toString);
      watched.cast(new Msg.Add(1));
      assertEquals(1, count(watched));
      awaitSize(events, 6);
      installed.close();
      installed.close(); // idempotent
      watched.cast(new Msg.Add(1));
      assertEquals(2, count(watched));
      assertEquals(6, events.size(), events::toString);
    }
  }

  @Test
  void installingTwiceOrForAnotherNodesActorIsRefused() {
    try (Node node = Node.create("intercept");
        Node elsewhere = Node.create("elsewhere")) {
      Interceptor i = new Interceptor() {};
      node.intercept(i);
      assertThrows(IllegalArgumentException.class, () -> node.intercept(i));
      ActorRef<Msg> foreign = elsewhere.spawn(new Counter(), null);
      assertThrows(IllegalArgumentException.class, () -> node.intercept(foreign, i));
      ActorRef<Msg> ended = node.spawn(new Counter(), null);
      assertTrue(ended.stopAndWait("done", WAIT));
      assertThrows(
          IllegalArgumentException.class, () -> node.intercept(ended, new Interceptor() {}));
      assertThrows(NullPointerException.class, () -> node.intercept(null));
    }
  }

  @Test
  void aFailingHandlerReachesAfterHandleAndFailsTheActorWithItsOwnException() throws Exception {
    try (Node node = Node.create("intercept")) {
      Recorder r = new Recorder("r", new CopyOnWriteArrayList<>());
      node.intercept(r);
      CompletableFuture<SupervisionEvent> exit = new CompletableFuture<>();
      node.onActorExit((ref, event) -> exit.complete(event));
      ActorRef<Msg> actor = node.spawn(new Counter(), null);
      actor.cast(new Msg.Boom());
      SupervisionEvent.ActorFailed failed =
          assertInstanceOf(SupervisionEvent.ActorFailed.class, exit.get(10, TimeUnit.SECONDS));
      assertEquals("boom", failed.error().getMessage());
      assertEquals(1, r.failures.size());
      assertSame(failed.error(), r.failures.get(0));
    }
  }

  @Test
  void anOnSendThatThrowsRefusesTheSendAndNothingIsHandled() {
    try (Node node = Node.create("intercept")) {
      ActorRef<Msg> actor = node.spawn(new Counter(), null);
      node.intercept(
          actor,
          new Interceptor() {
            @Override
            public Object onSend(ActorRef<?> target, Object message) {
              if (message instanceof Msg.Add a && a.n() < 0) {
                throw new MessagingException("negative amounts are not allowed", message);
              }
              return null;
            }
          });
      MessagingException refused =
          assertThrows(MessagingException.class, () -> actor.cast(new Msg.Add(-5)));
      assertEquals(new Msg.Add(-5), refused.undelivered());
      actor.cast(new Msg.Add(3));
      assertEquals(3, count(actor));
      assertEquals(ActorStatus.RUNNING, actor.status());
    }
  }

  @Test
  void aBeforeHandleThatThrowsSkipsTheHandlerAndUnwindsTheOnesThatRan() throws Exception {
    try (Node node = Node.create("intercept")) {
      List<String> events = new CopyOnWriteArrayList<>();
      Recorder outer = new Recorder("outer", events);
      node.intercept(outer);
      AtomicInteger handled = new AtomicInteger();
      ActorRef<Msg> actor =
          node.spawn(
              new Counter() {
                @Override
                public int[] handle(ActorRef<Msg> self, Msg m, int[] s) throws Exception {
                  handled.incrementAndGet();
                  return super.handle(self, m, s);
                }
              },
              null);
      node.intercept(
          actor,
          new Interceptor() {
            @Override
            public Object beforeHandle(ActorRef<?> self, Object message, Object attachment) {
              throw new SecurityException("denied");
            }
          });
      CompletableFuture<SupervisionEvent> exit = new CompletableFuture<>();
      node.onActorExit((ref, event) -> exit.complete(event));
      actor.cast(new Msg.Add(1));
      SupervisionEvent.ActorFailed failed =
          assertInstanceOf(SupervisionEvent.ActorFailed.class, exit.get(10, TimeUnit.SECONDS));
      assertInstanceOf(SecurityException.class, failed.error());
      assertEquals(0, handled.get());
      assertEquals(List.of("outer.send Add", "outer.before Add", "outer.after Add"), events);
      assertInstanceOf(SecurityException.class, outer.failures.get(0));
    }
  }

  @Test
  void messagesQueuedBeforeRemovalAreStillUnwrappedAndDeadLettersAreTheMessages() throws Exception {
    try (Node node = Node.create("intercept")) {
      Recorder r = new Recorder("r", new CopyOnWriteArrayList<>());
      Installed installed = node.intercept(r);
      List<Object> dead = new CopyOnWriteArrayList<>();
      node.deadLetters().subscribe(d -> dead.add(d.message()));
      ActorRef<Msg> actor = node.spawn(new Counter(), null);
      CountDownLatch release = new CountDownLatch(1);
      Msg.Block block = new Msg.Block(release);
      actor.cast(block);
      assertTrue(block.started().await(10, TimeUnit.SECONDS));
      actor.cast(new Msg.Add(4)); // queued with an attachment
      installed.close();
      release.countDown();
      assertEquals(4, count(actor)); // handled as the message, not as its envelope
      assertEquals(1, r.attachments.size()); // Block was seen; Add, handled after the removal, not

      CountDownLatch release2 = new CountDownLatch(1);
      Installed again = node.intercept(r);
      Msg.Block block2 = new Msg.Block(release2);
      actor.cast(block2);
      assertTrue(block2.started().await(10, TimeUnit.SECONDS));
      actor.cast(new Msg.Add(7));
      actor.stop("enough");
      release2.countDown();
      assertTrue(actor.awaitExit(WAIT));
      assertEquals(List.of(new Msg.Add(7)), dead);
      again.close();
    }
  }

  @Test
  void aMessageSentBeforeInstallationReachesBeforeHandleWithNoAttachment() throws Exception {
    try (Node node = Node.create("intercept")) {
      ActorRef<Msg> actor = node.spawn(new Counter(), null);
      CountDownLatch release = new CountDownLatch(1);
      Msg.Block block = new Msg.Block(release);
      actor.cast(block);
      assertTrue(block.started().await(10, TimeUnit.SECONDS));
      actor.cast(new Msg.Add(1));
      Recorder r = new Recorder("r", new CopyOnWriteArrayList<>());
      node.intercept(r);
      release.countDown();
      assertEquals(1, count(actor));
      awaitSize(r.attachments, 2);
      assertEquals("none", r.attachments.get(0)); // Add, queued before the install
      assertTrue(r.attachments.get(1).toString().startsWith("r:Get"), r.attachments::toString);
    }
  }

  /**
   * Installs and removes an interceptor again and again while a sender casts: every message is
   * handled once, as itself (an envelope reaching the handler would fail the actor).
   */
  @Test
  void installingAndRemovingWhileSendingLosesAndCorruptsNothing() throws Exception {
    try (Node node = Node.create("intercept")) {
      for (int round = 0; round < 20; round++) {
        ActorRef<Msg> actor = node.spawn(new Counter(), null);
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger attached = new AtomicInteger();
        Interceptor tagging =
            new Interceptor() {
              @Override
              public Object onSend(ActorRef<?> target, Object message) {
                return "tag";
              }

              @Override
              public Object beforeHandle(ActorRef<?> self, Object message, Object attachment) {
                if (attachment != null) {
                  attached.incrementAndGet();
                }
                return null;
              }
            };
        boolean perActor = round % 2 == 1;
        Thread toggler =
            Thread.ofPlatform()
                .start(
                    () -> {
                      while (sending.get()) {
                        (perActor ? node.intercept(actor, tagging) : node.intercept(tagging))
                            .close();
                      }
                    });
        int sent = 20_000;
        for (int i = 0; i < sent; i++) {
          actor.cast(new Msg.Add(1));
        }
        sending.set(false);
        toggler.join();
        assertEquals(sent, count(actor), "round " + round);
        assertEquals(ActorStatus.RUNNING, actor.status());
        assertTrue(actor.stopAndWait("round over", WAIT));
      }
    }
  }

  @Test
  void callsAreSeenWithTheirRequest() {
    try (Node node = Node.create("intercept")) {
      List<Object> sent = Collections.synchronizedList(new ArrayList<>());
      node.intercept(
          new Interceptor() {
            @Override
            public Object onSend(ActorRef<?> target, Object message) {
              sent.add(message);
              return null;
            }
          });
      ActorRef<Msg> actor = node.spawn(new Counter(), null);
      assertEquals(0, count(actor));
      assertEquals(1, sent.size());
      assertInstanceOf(Msg.Get.class, sent.get(0));
    }
  }

  /**
   * A context-carrying interceptor, as tracing is: {@code onSend} captures the sending thread's
   * context, {@code beforeHandle} makes the message's context current on the actor's thread.
   */
  static final class ContextCarrier implements Interceptor {
    static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    final List<String> jobContexts = new CopyOnWriteArrayList<>();

    @Override
    public Object onSend(ActorRef<?> target, Object message) {
      return CURRENT.get();
    }

    @Override
    public Object beforeHandle(ActorRef<?> self, Object message, Object attachment) {
      String previous = CURRENT.get();
      CURRENT.set((String) attachment);
      if (message instanceof io.troupe.factory.Job<?, ?> job) {
        jobContexts.add(job.message() + "@" + attachment);
      }
      return previous;
    }

    @Override
    public void afterHandle(ActorRef<?> self, Object message, Object token, Throwable failure) {
      CURRENT.set((String) token);
    }
  }

  @Test
  void aFactoryJobKeepsItsSubmittersContextWhileItWaitsForABusyWorker() throws Exception {
    try (Node node = Node.create("carry")) {
      ContextCarrier carrier = new ContextCarrier();
      node.intercept(carrier);
      java.util.concurrent.BlockingQueue<CountDownLatch> started =
          new java.util.concurrent.LinkedBlockingQueue<>();
      java.util.concurrent.atomic.AtomicReference<CountDownLatch> release =
          new java.util.concurrent.atomic.AtomicReference<>();
      io.troupe.factory.Factory<String, String> factory =
          io.troupe.factory.Factory.<String, String, Void>builder(
                  () ->
                      new io.troupe.factory.Worker<>() {
                        @Override
                        public Void start(int workerIndex) {
                          return null;
                        }

                        @Override
                        public Void handle(io.troupe.factory.Job<String, String> job, Void state)
                            throws InterruptedException {
                          if (job.message().equals("first")) {
                            CountDownLatch gate = release.get();
                            started.add(gate);
                            gate.await();
                          }
                          return state;
                        }
                      })
              .workers(1)
              .prefetch(1) // the jobs behind "first" wait in the factory, not in the worker
              .spawn(node, "jobs");
      for (int round = 0; round < 50; round++) {
        carrier.jobContexts.clear();
        CountDownLatch gate = new CountDownLatch(1);
        release.set(gate);
        ContextCarrier.CURRENT.set("submitter-1");
        factory.submit("k", "first");
        assertSame(gate, started.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "the worker started");
        ContextCarrier.CURRENT.set("submitter-2");
        factory.submit("k", "second"); // queued: the only worker is busy with "first"
        ContextCarrier.CURRENT.set("submitter-3");
        factory.submit("k", "third");
        ContextCarrier.CURRENT.remove();
        gate.countDown(); // "second" starts when "first" is done, in the handling of its report
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (carrier.jobContexts.size() < 3) {
          assertTrue(System.nanoTime() < deadline, "jobs handled: " + carrier.jobContexts);
          Thread.sleep(1);
        }
        assertEquals(
            List.of("first@submitter-1", "second@submitter-2", "third@submitter-3"),
            carrier.jobContexts,
            "each job is handled in its own submitter's context, round " + round);
      }
    } finally {
      ContextCarrier.CURRENT.remove();
    }
  }
}
