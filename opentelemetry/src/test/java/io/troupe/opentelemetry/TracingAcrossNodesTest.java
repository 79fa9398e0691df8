package io.troupe.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.cluster.NodeConfig;
import io.troupe.codec.Codecs;
import io.troupe.codec.MessageCodec;
import io.troupe.generated.GeneratedCodecs;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Traces through actors, checked with the OpenTelemetry SDK's in-memory exporter: one trace across
 * two actors on two nodes (127.0.0.1), with each handling span the child of the span that sent it.
 */
@SuppressWarnings("try") // scopes opened only to be closed
class TracingAcrossNodesTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String COOKIE = "tracing-test-cookie-0123456789abcdef";

  /** The message of both actors: a text to pass on (the remote one needs a codec, below). */
  sealed interface Hop {
    record Text(String text) implements Hop {}
  }

  /** Found by {@code MessageCodec.forType(Hop.class)}: the type's binary name + "Codec". */
  static final class HopCodec implements MessageCodec<Hop> {
    static {
      GeneratedCodecs.register(Hop.class, new HopCodec()); // how MessageCodec.forType finds it
    }

    @Override
    public Class<Hop> messageType() {
      return Hop.class;
    }

    @Override
    public String variant(Hop message) {
      return "Text";
    }

    @Override
    public boolean isCall(String variant) {
      return false;
    }

    @Override
    public byte[] encodeArgs(Hop message) {
      return Codecs.encode(Codecs.STRING, ((Hop.Text) message).text());
    }

    @Override
    public Hop decode(String variant, byte[] args, RpcReplyPort<?> replyPort) {
      return new Hop.Text(Codecs.decode(Codecs.STRING, args));
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

  /** Passes each text on to the actor registered as "end" (on another node). */
  static final class Relay implements Actor<Hop, Void, Void> {
    @Override
    public Void preStart(ActorRef<Hop> self, Void args) {
      return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Void handle(ActorRef<Hop> self, Hop message, Void state) {
      ActorRef<Hop> end = (ActorRef<Hop>) self.node().registry().whereIs("end").orElseThrow();
      end.cast(message);
      return state;
    }
  }

  /** Completes {@code seen} with the span context current in its handler. */
  record End(CompletableFuture<SpanContext> seen) implements Actor<Hop, Void, Void> {
    @Override
    public Void preStart(ActorRef<Hop> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<Hop> self, Hop message, Void state) {
      seen.complete(Span.current().getSpanContext());
      return state;
    }
  }

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetry otel = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
  private final Tracer tracer = otel.getTracer("test");

  @AfterEach
  void shutDown() {
    provider.close();
  }

  private static Node clusterNode(String name) {
    return Node.create(
        name, NodeConfig.builder().cookie(COOKIE).handshakeTimeout(Duration.ofSeconds(5)).build());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(5);
    }
  }

  private SpanData span(String name, String node) {
    return exporter.getFinishedSpanItems().stream()
        .filter(
            s ->
                s.getName().equals(name)
                    && (node == null
                        || node.equals(
                            s.getAttributes().get(AttributeKey.stringKey("troupe.node")))))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no span " + name + " on " + node + " in " + exporter.getFinishedSpanItems()));
  }

  @Test
  void aTraceAcrossTwoActorsOnTwoNodesIsOneTraceWithTheRightParents() throws Exception {
    TroupeTracing tracing = TroupeTracing.builder(otel).build();
    try (Node alpha = clusterNode("alpha");
        Node beta = clusterNode("beta")) {
      tracing.install(alpha);
      tracing.install(beta);
      CompletableFuture<SpanContext> seenAtEnd = new CompletableFuture<>();
      beta.spawn("end", new End(seenAtEnd), null);
      ActorRef<Hop> relay = alpha.spawn("relay", new Relay(), null);
      alpha.cluster().connect("127.0.0.1", beta.cluster().listen("127.0.0.1", 0).getPort());
      await("alpha knows the end actor", () -> alpha.registry().whereIs("end").isPresent());

      Span request = tracer.spanBuilder("request").startSpan();
      try (Scope ignored = request.makeCurrent()) {
        relay.cast(new Hop.Text("hello"));
      } finally {
        request.end();
      }
      SpanContext atEnd = seenAtEnd.get(10, TimeUnit.SECONDS);
      await("three spans", () -> exporter.getFinishedSpanItems().size() >= 3);

      SpanData relaySpan = span("handle Text", "alpha");
      SpanData endSpan = span("handle Text", "beta");
      String trace = request.getSpanContext().getTraceId();
      assertEquals(trace, relaySpan.getTraceId());
      assertEquals(trace, endSpan.getTraceId());
      assertEquals(request.getSpanContext().getSpanId(), relaySpan.getParentSpanId());
      assertEquals(relaySpan.getSpanId(), endSpan.getParentSpanId());
      assertTrue(
          endSpan.getParentSpanContext().isRemote(), "the end's parent came over the network");
      assertEquals(endSpan.getSpanId(), atEnd.getSpanId(), "the handler runs inside its span");
      assertEquals(
          relay.id().toString(),
          relaySpan.getAttributes().get(AttributeKey.stringKey("troupe.actor.id")));
      assertEquals("end", endSpan.getAttributes().get(AttributeKey.stringKey("troupe.actor.name")));
      assertEquals(
          Hop.Text.class.getName(),
          endSpan.getAttributes().get(AttributeKey.stringKey("troupe.message.type")));
      assertEquals(
          3, exporter.getFinishedSpanItems().size(), exporter.getFinishedSpanItems()::toString);
    }
  }

  /** Answers a call with the trace id current in its handler; fails on "boom". */
  static final class Answering implements Actor<Object, Void, Void> {
    record Ask(String text, RpcReplyPort<String> reply) {}

    @Override
    public Void preStart(ActorRef<Object> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<Object> self, Object message, Void state) {
      if (message instanceof Ask ask) {
        if (ask.text().equals("boom")) {
          throw new IllegalStateException("boom");
        }
        ask.reply().send(Span.current().getSpanContext().getTraceId());
      }
      return state;
    }
  }

  @Test
  void aLocalCallIsHandledInsideTheCallersTraceAndAFailureMarksItsSpan() throws Exception {
    TroupeTracing tracing = TroupeTracing.builder(otel).build();
    try (Node node = Node.create("local")) {
      tracing.install(node);
      ActorRef<Object> actor = node.spawn(new Answering(), null);
      Span caller = tracer.spanBuilder("caller").startSpan();
      try (Scope ignored = caller.makeCurrent()) {
        CallResult<String> r = actor.call(port -> new Answering.Ask("hi", port), WAIT);
        assertEquals(new CallResult.Success<>(caller.getSpanContext().getTraceId()), r);
        actor.cast(new Answering.Ask("boom", new RpcReplyPort<>(new CompletableFuture<>())));
      } finally {
        caller.end();
      }
      assertTrue(actor.awaitExit(WAIT));
      await("three spans", () -> exporter.getFinishedSpanItems().size() >= 3);
      List<SpanData> handled =
          exporter.getFinishedSpanItems().stream()
              .filter(s -> s.getName().equals("handle Ask"))
              .toList();
      assertEquals(2, handled.size());
      for (SpanData s : handled) {
        assertEquals(caller.getSpanContext().getSpanId(), s.getParentSpanId());
      }
      SpanData failed =
          handled.stream()
              .filter(s -> s.getStatus().getStatusCode() == StatusCode.ERROR)
              .findFirst()
              .orElseThrow();
      assertFalse(failed.getEvents().isEmpty(), "the exception is recorded");
    }
  }

  @Test
  void withoutSpansPerMessageTheSendersSpanIsCurrentAndUntracedSendsMakeNoSpans() throws Exception {
    TroupeTracing tracing = TroupeTracing.builder(otel).spanPerMessage(false).build();
    try (Node node = Node.create("local")) {
      tracing.install(node);
      CompletableFuture<SpanContext> seen = new CompletableFuture<>();
      ActorRef<Hop> end = node.spawn(new End(seen), null);
      Span caller = tracer.spanBuilder("caller").startSpan();
      try (Scope ignored = caller.makeCurrent()) {
        end.cast(new Hop.Text("x"));
      } finally {
        caller.end();
      }
      assertEquals(caller.getSpanContext(), seen.get(10, TimeUnit.SECONDS));
      assertEquals(1, exporter.getFinishedSpanItems().size());
    }
    exporter.reset();
    try (Node node = Node.create("untraced")) {
      TroupeTracing.builder(otel).build().install(node);
      CompletableFuture<SpanContext> seen = new CompletableFuture<>();
      node.spawn(new End(seen), null).cast(new Hop.Text("y"));
      assertFalse(seen.get(10, TimeUnit.SECONDS).isValid(), "no trace outside one");
      assertEquals(List.of(), exporter.getFinishedSpanItems());
    }
  }
}
