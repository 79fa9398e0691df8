package io.troupe.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.troupe.Node;
import io.troupe.micrometer.TroupeMetrics;
import io.troupe.opentelemetry.TroupeTracing;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PingPongBench}'s rally with observability on: {@link #plain} has no interceptor (the same
 * as {@code PingPongBench.troupe}), {@link #metered} has {@code troupe-micrometer}'s {@link
 * TroupeMetrics} bound to a {@link SimpleMeterRegistry} (a timer per handled message), and {@link
 * #tracedAndMetered} adds {@code troupe-opentelemetry}'s {@link TroupeTracing} on an SDK tracer
 * provider with no exporter, the rally inside a span: every hit captures and restores the context
 * and starts and ends a span.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ObservedPingPongBench {

  /** Two actors on a node with the given observability. */
  public abstract static class Pair {
    Node node;
    io.troupe.ActorRef<PingPongBench.Ball> a;
    io.troupe.ActorRef<PingPongBench.Ball> b;
    SdkTracerProvider tracerProvider;
    TroupeMetrics metrics;
    io.opentelemetry.api.trace.Tracer tracer;

    abstract boolean traced();

    abstract boolean metered();

    @Setup(Level.Trial)
    public void setup() {
      node = Node.create("observed-ping-pong");
      if (metered()) {
        metrics = TroupeMetrics.of(node);
        metrics.bindTo(new SimpleMeterRegistry());
      }
      if (traced()) {
        tracerProvider = SdkTracerProvider.builder().build();
        OpenTelemetrySdk otel =
            OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
        TroupeTracing.builder(otel).build().install(node);
        tracer = otel.getTracer("bench");
      }
      a = node.spawn(new PingPongBench.Returner(), null);
      b = node.spawn(new PingPongBench.Returner(), null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (metrics != null) {
        metrics.close();
      }
      node.close();
      if (tracerProvider != null) {
        tracerProvider.close();
      }
    }
  }

  /** No interceptor. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class Plain extends Pair {
    @Override
    boolean traced() {
      return false;
    }

    @Override
    boolean metered() {
      return false;
    }
  }

  /** Metrics only. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class Metered extends Pair {
    @Override
    boolean traced() {
      return false;
    }

    @Override
    boolean metered() {
      return true;
    }
  }

  /** Tracing and metrics. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class TracedAndMetered extends Pair {
    @Override
    boolean traced() {
      return true;
    }

    @Override
    boolean metered() {
      return true;
    }
  }

  @SuppressWarnings("try") // the scope is opened only to be closed
  private static void rally(Pair pair) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    if (pair.tracer == null) {
      pair.a.cast(new PingPongBench.Ball(pair.b, 2 * PingPongBench.ROUNDS, done));
    } else {
      Span rally = pair.tracer.spanBuilder("rally").startSpan();
      try (Scope ignored = rally.makeCurrent()) {
        pair.a.cast(new PingPongBench.Ball(pair.b, 2 * PingPongBench.ROUNDS, done));
      } finally {
        rally.end();
      }
    }
    Await.latch(done);
  }

  /**
   * No interceptor.
   *
   * @param pair the actors
   * @throws InterruptedException if interrupted
   */
  @org.openjdk.jmh.annotations.Benchmark
  @OperationsPerInvocation(PingPongBench.ROUNDS)
  public void plain(Plain pair) throws InterruptedException {
    rally(pair);
  }

  /**
   * Metrics on.
   *
   * @param pair the actors
   * @throws InterruptedException if interrupted
   */
  @org.openjdk.jmh.annotations.Benchmark
  @OperationsPerInvocation(PingPongBench.ROUNDS)
  public void metered(Metered pair) throws InterruptedException {
    rally(pair);
  }

  /**
   * Tracing and metrics on.
   *
   * @param pair the actors
   * @throws InterruptedException if interrupted
   */
  @org.openjdk.jmh.annotations.Benchmark
  @OperationsPerInvocation(PingPongBench.ROUNDS)
  public void tracedAndMetered(TracedAndMetered pair) throws InterruptedException {
    rally(pair);
  }
}
