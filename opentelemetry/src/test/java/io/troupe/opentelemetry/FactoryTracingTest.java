package io.troupe.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.troupe.Node;
import io.troupe.factory.Factory;
import io.troupe.factory.Job;
import io.troupe.factory.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A factory job runs in its submitter's trace, also when it waited behind a busy worker and was
 * handed out while the factory handled the report of the job before it (another trace).
 */
@SuppressWarnings("try") // scopes opened only to be closed
class FactoryTracingTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetry otel = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
  private final Tracer tracer = otel.getTracer("test");

  @AfterEach
  void shutDown() {
    provider.close();
  }

  @Test
  void jobsQueuedBehindABusyWorkerRunInTheirSubmittersTraces() throws Exception {
    Map<String, SpanContext> seen = new ConcurrentHashMap<>();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Node node = Node.create("traced-factory")) {
      TroupeTracing.builder(otel).build().install(node);
      Factory<String, String> factory =
          Factory.<String, String, Void>builder(
                  () ->
                      new Worker<>() {
                        @Override
                        public Void start(int workerIndex) {
                          return null;
                        }

                        @Override
                        public Void handle(Job<String, String> job, Void state)
                            throws InterruptedException {
                          seen.put(job.message(), Span.current().getSpanContext());
                          if (job.message().equals("first")) {
                            started.countDown();
                            release.await();
                          }
                          return state;
                        }
                      })
              .workers(1)
              .prefetch(1) // the later jobs wait in the factory's queue
              .spawn(node, "jobs");

      Span first = submitIn("submit first", factory, "first");
      assertTrue(started.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the worker started");
      Span second = submitIn("submit second", factory, "second");
      Span third = submitIn("submit third", factory, "third");
      release.countDown();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (seen.size() < 3) {
        assertTrue(System.nanoTime() < deadline, "jobs handled: " + seen.keySet());
        Thread.sleep(5);
      }

      for (Map.Entry<String, Span> job :
          Map.of("first", first, "second", second, "third", third).entrySet()) {
        SpanContext submitter = job.getValue().getSpanContext();
        SpanContext handling = seen.get(job.getKey());
        assertEquals(
            submitter.getTraceId(),
            handling.getTraceId(),
            job.getKey() + " runs in its submitter's trace");
        SpanData span = handlingSpan(handling);
        assertEquals(
            submitter.getSpanId(),
            span.getParentSpanId(),
            job.getKey() + "'s handling span is a child of the span that submitted it");
      }
    }
  }

  private Span submitIn(String name, Factory<String, String> factory, String job) {
    Span span = tracer.spanBuilder(name).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      factory.submit("k", job);
    } finally {
      span.end();
    }
    return span;
  }

  private SpanData handlingSpan(SpanContext context) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (; ; ) {
      List<SpanData> spans = exporter.getFinishedSpanItems();
      for (SpanData s : spans) {
        if (s.getSpanId().equals(context.getSpanId())) {
          return s;
        }
      }
      assertTrue(System.nanoTime() < deadline, "no finished span " + context + " in " + spans);
      Thread.sleep(5);
    }
  }
}
