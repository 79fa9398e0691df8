package io.troupe.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.cluster.NodeConfig;
import io.troupe.factory.Factory;
import io.troupe.factory.Job;
import io.troupe.factory.Worker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class TroupeMetricsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(5);
    }
  }

  /** Counts; "fail" throws; a latch blocks until released. */
  static final class Handler implements Actor<Object, Void, Void> {
    @Override
    public Void preStart(ActorRef<Object> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<Object> self, Object message, Void s) throws Exception {
      if ("fail".equals(message)) {
        throw new IllegalStateException("asked to fail");
      }
      if (message instanceof CountDownLatch latch) {
        latch.await();
      }
      return s;
    }
  }

  private static double gauge(MeterRegistry r, String name) {
    return r.get(name).gauge().value();
  }

  @Test
  void aNodesActorsMessagesMailboxesFailuresAndDeadLettersAreMeasured() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (Node node = Node.create("metrics");
        TroupeMetrics metrics = TroupeMetrics.of(node)) {
      metrics.bindTo(registry);
      ActorRef<Object> a = node.spawn("a", new Handler(), null);
      ActorRef<Object> b = node.spawn(new Handler(), null);
      metrics.mailboxDepth(a).bindTo(registry);
      assertEquals(2, gauge(registry, "troupe.actors.live"));
      for (int i = 0; i < 10; i++) {
        b.cast("hello");
      }
      await(
          "ten handled",
          () -> registry.get("troupe.messages.handled").tag("outcome", "ok").timer().count() == 10);

      CountDownLatch release = new CountDownLatch(1);
      a.cast(release);
      await("a is blocked", () -> node.actor(a.id()).orElseThrow().mailboxDepth() == 0);
      for (int i = 0; i < 4; i++) {
        a.cast("queued");
      }
      assertEquals(4, gauge(registry, "troupe.mailbox.depth.total"));
      assertEquals(4, gauge(registry, "troupe.mailbox.depth.max"));
      assertEquals(4, registry.get("troupe.actor.mailbox.depth").tag("name", "a").gauge().value());
      a.stop("drop what is queued"); // the four queued become dead letters
      release.countDown();
      assertTrue(a.awaitExit(WAIT));
      assertEquals(4, registry.get("troupe.deadletters").functionCounter().count());
      assertTrue(Double.isNaN(registry.get("troupe.actor.mailbox.depth").gauge().value()));

      b.cast("fail");
      assertTrue(b.awaitExit(WAIT));
      await(
          "the failure is timed",
          () ->
              registry.get("troupe.messages.handled").tag("outcome", "failed").timer().count()
                  == 1);
      assertEquals(
          1, registry.get("troupe.actors.ended").tag("outcome", "failed").counter().count());
      assertEquals(
          1, registry.get("troupe.actors.ended").tag("outcome", "terminated").counter().count());
      assertEquals(0, gauge(registry, "troupe.actors.live"));
      assertTrue(
          registry
                  .get("troupe.messages.handled")
                  .tag("outcome", "ok")
                  .timer()
                  .totalTime(TimeUnit.NANOSECONDS)
              > 0);
    }
  }

  @Test
  void closingStopsTimingMessages() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (Node node = Node.create("metrics")) {
      TroupeMetrics metrics = TroupeMetrics.of(node);
      metrics.bindTo(registry);
      metrics.close();
      ActorRef<Object> a = node.spawn(new Handler(), null);
      a.cast("x");
      assertTrue(a.drainAndWait(WAIT));
      assertEquals(0, registry.get("troupe.messages.handled").tag("outcome", "ok").timer().count());
      assertEquals(
          0, registry.get("troupe.actors.ended").tag("outcome", "terminated").counter().count());
    }
  }

  @Test
  void clusterSessionsFramesAndBytesAreMeasured() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    NodeConfig config = NodeConfig.builder().cookie("metrics-test-cookie-0123456789abcdef").build();
    try (Node alpha = Node.create("alpha", config);
        Node beta = Node.create("beta", config);
        TroupeMetrics metrics = TroupeMetrics.of(alpha)) {
      metrics.bindTo(registry);
      alpha.cluster().connect("127.0.0.1", beta.cluster().listen("127.0.0.1", 0).getPort());
      assertEquals(1, gauge(registry, "troupe.cluster.sessions"));
      assertTrue(
          registry.get("troupe.cluster.frames").tag("direction", "out").functionCounter().count()
              >= 2);
      assertTrue(
          registry.get("troupe.cluster.bytes").tag("direction", "in").functionCounter().count()
              > 8);
    }
  }

  @Test
  void aFactorysStatsAreMeasured() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (Node node = Node.create("metrics")) {
      Factory<String, String> factory =
          Factory.<String, String, Void>builder(
                  () ->
                      new Worker<>() {
                        @Override
                        public Void start(int workerIndex) {
                          return null;
                        }

                        @Override
                        public Void handle(Job<String, String> job, Void state) {
                          return state;
                        }
                      })
              .workers(2)
              .spawn(node, "jobs");
      TroupeMetrics.factory(factory, "jobs").bindTo(registry);
      for (int i = 0; i < 25; i++) {
        factory.submit("k" + i, "job");
      }
      await(
          "25 processed",
          () -> registry.get("troupe.factory.jobs.processed").functionCounter().count() == 25);
      assertEquals(25, registry.get("troupe.factory.jobs.submitted").functionCounter().count());
      assertEquals(2, registry.get("troupe.factory.workers").gauge().value());
      assertEquals(
          0,
          registry
              .get("troupe.factory.jobs.discarded")
              .tag("reason", "LOAD_SHED")
              .functionCounter()
              .count());
    }
  }
}
