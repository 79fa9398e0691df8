package io.troupe.examples.observability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.annotation.ClusterMessage;
import io.troupe.cluster.NodeConfig;
import io.troupe.micrometer.TroupeMetrics;
import io.troupe.opentelemetry.TroupeTracing;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One OpenTelemetry trace across two nodes, and a node's Micrometer meters: a request span on node
 * "front" casts to a relay actor there, which casts to a greeter on node "back"; each handling gets
 * a span, the greeter's the child of the relay's. The spans are printed as they end (trace id, span
 * id, parent), then the front node's meters.
 */
public final class TracedAcrossNodes {
  private TracedAcrossNodes() {}

  /** The greeter's messages; {@code @ClusterMessage} makes the processor write their codec. */
  @ClusterMessage
  public sealed interface Greet {
    record Hello(String name) implements Greet {}
  }

  /** Passes every greeting on to the greeter registered as "greeter" (on the other node). */
  static final class Relay implements Actor<Greet, Void, Void> {
    @Override
    public Void preStart(ActorRef<Greet> self, Void args) {
      return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Void handle(ActorRef<Greet> self, Greet message, Void state) {
      ((ActorRef<Greet>) self.node().registry().whereIs("greeter").orElseThrow()).cast(message);
      return state;
    }
  }

  /** Greets, inside the trace of whoever sent the greeting. */
  record Greeter(CountDownLatch done) implements Actor<Greet, Void, Void> {
    @Override
    public Void preStart(ActorRef<Greet> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<Greet> self, Greet message, Void state) {
      Greet.Hello hello = (Greet.Hello) message;
      System.out.println(
          self.node().name()
              + ": hello, "
              + hello.name()
              + " (trace "
              + Span.current().getSpanContext().getTraceId()
              + ")");
      done.countDown();
      return state;
    }
  }

  /** Prints each span as it ends. */
  static final class PrintingExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      for (SpanData s : spans) {
        System.out.printf(
            "span %-18s trace %s span %s parent %s%s%n",
            s.getName(),
            s.getTraceId(),
            s.getSpanId(),
            s.getParentSpanId(),
            s.getParentSpanContext().isRemote() ? " (from another node)" : "");
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private static void waitFor(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  @SuppressWarnings("try") // the scope is opened only to be closed
  public static void main(String[] args) throws InterruptedException {
    SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new PrintingExporter()))
            .build();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
    TroupeTracing tracing = TroupeTracing.builder(otel).build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    NodeConfig config = NodeConfig.builder().cookie(NodeConfig.generateCookie()).build();
    try (Node front = Node.create("front", config);
        Node back = Node.create("back", config);
        TroupeMetrics metrics = TroupeMetrics.of(front)) {
      tracing.install(front);
      tracing.install(back);
      metrics.bindTo(registry);
      CountDownLatch done = new CountDownLatch(1);
      back.spawn("greeter", new Greeter(done), null);
      ActorRef<Greet> relay = front.spawn("relay", new Relay(), null);
      front.cluster().connect("127.0.0.1", back.cluster().listen("127.0.0.1", 0).getPort());
      waitFor("front to see the greeter", () -> front.registry().whereIs("greeter").isPresent());

      Tracer tracer = otel.getTracer("example");
      Span request = tracer.spanBuilder("request").startSpan();
      try (Scope ignored = request.makeCurrent()) {
        relay.cast(new Greet.Hello("world"));
      } finally {
        request.end();
      }
      if (!done.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the greeting never arrived");
      }
      waitFor(
          "the greeter's span", () -> back.actors().stream().allMatch(a -> a.mailboxDepth() == 0));
      Thread.sleep(50); // the greeter's span ends just after its handler
      System.out.println("front's meters:");
      System.out.println(registry.getMetersAsString());
    } finally {
      tracerProvider.close();
    }
  }
}
