package io.troupe.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.cluster.NodeConfig;
import io.troupe.cluster.PeerBusyException;
import io.troupe.codec.Codecs;
import io.troupe.codec.MessageCodec;
import io.troupe.factory.Factory;
import io.troupe.factory.Job;
import io.troupe.factory.Worker;
import io.troupe.generated.GeneratedCodecs;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.ChildSpec;
import io.troupe.supervision.Supervisor;
import io.troupe.supervision.SupervisorSpec;
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

  private static double count(MeterRegistry r, String name, String supervisor) {
    return r.get(name).tag("supervisor", supervisor).counter().count();
  }

  @Test
  void aSupervisorsRestartsAndGivingUpAreCounted() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (Node node = Node.create("metrics");
        TroupeMetrics metrics = TroupeMetrics.of(node)) {
      metrics.bindTo(registry);
      Supervisor sup =
          Supervisor.start(
              node,
              "top",
              SupervisorSpec.builder()
                  .intensity(2, Duration.ofMinutes(1))
                  .child(ChildSpec.of("worker", new Handler(), null))
                  .build());
      assertEquals(0, count(registry, "troupe.supervisor.restarts", "top"), "registered at start");
      assertEquals(0, count(registry, "troupe.supervisor.giveups", "top"));
      for (int restarts = 1; restarts <= 2; restarts++) {
        ActorRef<?> child = sup.child("worker", WAIT).orElseThrow();
        @SuppressWarnings("unchecked")
        ActorRef<Object> worker = (ActorRef<Object>) child;
        worker.cast("fail");
        int expected = restarts;
        await(
            "restart " + restarts,
            () -> count(registry, "troupe.supervisor.restarts", "top") == expected);
        await(
            "the worker runs again",
            () -> sup.child("worker", WAIT).filter(r -> !r.equals(child)).isPresent());
      }
      assertEquals(0, count(registry, "troupe.supervisor.giveups", "top"));
      @SuppressWarnings("unchecked")
      ActorRef<Object> worker = (ActorRef<Object>) sup.child("worker", WAIT).orElseThrow();
      worker.cast("fail"); // one restart more than the intensity allows
      assertTrue(sup.ref().awaitExit(WAIT));
      assertEquals(1, count(registry, "troupe.supervisor.giveups", "top"));
      assertEquals(2, count(registry, "troupe.supervisor.restarts", "top"));
      assertEquals(0, count(registry, "troupe.supervisor.start.failures", "top"));
    }
  }

  /** The slow peer's messages: one cast variant carrying text. */
  sealed interface Note {
    record Text(String text) implements Note {}
  }

  /** Found by {@code MessageCodec.forType(Note.class)} (the interface's binary name + "Codec"). */
  static final class NoteCodec implements MessageCodec<Note> {
    static {
      GeneratedCodecs.register(Note.class, new NoteCodec());
    }

    @Override
    public Class<Note> messageType() {
      return Note.class;
    }

    @Override
    public String variant(Note message) {
      return "Text";
    }

    @Override
    public boolean isCall(String variant) {
      return false;
    }

    @Override
    public byte[] encodeArgs(Note message) {
      return Codecs.encode(Codecs.STRING, ((Note.Text) message).text());
    }

    @Override
    public Note decode(String variant, byte[] args, RpcReplyPort<?> replyPort) {
      return new Note.Text(Codecs.decode(Codecs.STRING, args));
    }

    @Override
    public byte[] encodeReply(String variant, Object reply) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object decodeReply(String variant, byte[] bytes) {
      throw new UnsupportedOperationException();
    }
  }

  /** Handles nothing until its latch opens: its node stops reading once its inbound bound fills. */
  static final class Stalled implements Actor<Note, Void, CountDownLatch> {
    private CountDownLatch open;

    @Override
    public Void preStart(ActorRef<Note> self, CountDownLatch open) {
      this.open = open;
      return null;
    }

    @Override
    public Void handle(ActorRef<Note> self, Note message, Void s) throws InterruptedException {
      open.await();
      return s;
    }
  }

  @Test
  void anOutboxFillsTowardASlowPeerAndEmptiesWhenItReads() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    CountDownLatch open = new CountDownLatch(1);
    try (Node alpha =
            Node.create("alpha", patient().outbox(64 << 10, Duration.ofMillis(50)).build());
        Node beta = Node.create("beta", patient().inboundQueue(64 << 10).build());
        TroupeMetrics metrics = TroupeMetrics.of(alpha)) {
      metrics.bindTo(registry);
      beta.spawn("sink", new Stalled(), open);
      alpha.cluster().connect("127.0.0.1", beta.cluster().listen("127.0.0.1", 0).getPort());
      @SuppressWarnings("unchecked")
      ActorRef<Note> sink = (ActorRef<Note>) alpha.cluster().awaitName("sink", WAIT);
      assertEquals(0, outbox(registry, "troupe.cluster.outbox.bytes", "messages"));
      assertEquals(64 << 10, outbox(registry, "troupe.cluster.outbox.limit", "messages"));
      assertEquals(0, gauge(registry, "troupe.cluster.outbox.fill.max"));

      // beta's actor handles nothing, so beta stops reading and the sockets' buffers fill; then
      // alpha's outbox fills and a cast finds no room.
      String text = "x".repeat(1024);
      boolean busy = false;
      for (int sent = 0; !busy && sent < 200_000; sent++) {
        try {
          sink.cast(new Note.Text(text));
        } catch (PeerBusyException full) {
          busy = true;
        }
      }
      assertTrue(busy, "the outbox never filled");
      double queued = outbox(registry, "troupe.cluster.outbox.bytes", "messages");
      assertTrue(queued > (64 << 10) - 2048, "nearly the whole bound is queued: " + queued);
      assertTrue(gauge(registry, "troupe.cluster.outbox.fill.max") > 0.95);
      assertTrue(
          registry.get("troupe.cluster.outbox.frames").tag("peer", "beta").gauge().value() > 0);

      open.countDown(); // beta handles, reads again, and alpha's outbox drains
      await(
          "the outbox drains",
          () -> outbox(registry, "troupe.cluster.outbox.bytes", "messages") == 0);
      assertEquals(0, gauge(registry, "troupe.cluster.outbox.fill.max"));

      alpha.cluster().disconnect("beta");
      await(
          "the peer's gauges go with it",
          () -> registry.find("troupe.cluster.outbox.bytes").gauges().isEmpty());
    }
  }

  /** A cluster configuration whose keepalive outlasts a stalled reader. */
  private static NodeConfig.Builder patient() {
    return NodeConfig.builder()
        .cookie("metrics-test-cookie-0123456789abcdef")
        .keepalive(Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  private static double outbox(MeterRegistry r, String name, String kind) {
    return r.get(name).tag("peer", "beta").tag("kind", kind).gauge().value();
  }
}
