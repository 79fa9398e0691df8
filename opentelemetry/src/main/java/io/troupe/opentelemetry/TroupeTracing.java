package io.troupe.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.intercept.Installed;
import io.troupe.intercept.Interceptor;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * OpenTelemetry tracing for Troupe actors, as an {@link Interceptor}: the OpenTelemetry {@link
 * Context} current when a message is sent ({@code cast}, {@code call}, a factory's {@code submit},
 * a timer) is restored around its handler, so what the handler does (and the messages it sends in
 * turn) belongs to the sender's trace. To actors of other nodes the context travels in the
 * cluster's frames as W3C {@code traceparent}/{@code tracestate} headers (or with the propagator
 * chosen), and is extracted on the receiving node.
 *
 * <p>By default each handled message that carries a trace gets a span of its own, a child of the
 * sender's span: kind {@link SpanKind#CONSUMER}, named {@code "handle <message class>"}, with the
 * attributes {@code troupe.node}, {@code troupe.actor.id}, {@code troupe.actor.name} (if named) and
 * {@code troupe.message.type}; a handler that throws records the exception and sets the status to
 * ERROR. A message sent outside any trace is handled outside any trace unless {@link
 * Builder#rootSpans(boolean)} asks for a new trace per such message.
 *
 * <pre>{@code
 * TroupeTracing tracing = TroupeTracing.builder(openTelemetry).build();
 * tracing.install(node); // every actor of the node, and what it sends to other nodes
 * }</pre>
 *
 * <p>Install it on every node of the cluster that should continue traces. One instance may be
 * installed on several nodes.
 */
public final class TroupeTracing implements Interceptor {

  /** The instrumentation scope name of the spans: {@value}. */
  public static final String INSTRUMENTATION_NAME = "io.troupe.opentelemetry";

  private static final AttributeKey<String> NODE = AttributeKey.stringKey("troupe.node");
  private static final AttributeKey<String> ACTOR_ID = AttributeKey.stringKey("troupe.actor.id");
  private static final AttributeKey<String> ACTOR_NAME =
      AttributeKey.stringKey("troupe.actor.name");
  private static final AttributeKey<String> MESSAGE_TYPE =
      AttributeKey.stringKey("troupe.message.type");

  private static final TextMapGetter<Function<String, String>> HEADERS =
      new TextMapGetter<>() {
        @Override
        @SuppressWarnings(
            "deprecation") // still abstract: implemented, never called by the W3C propagator
        public Iterable<String> keys(Function<String, String> carrier) {
          return java.util.List.of(); // the frame's headers are read by name only
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
          return carrier == null || key == null ? null : carrier.apply(key);
        }
      };

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final boolean spanPerMessage;
  private final boolean rootSpans;
  private final Function<Object, String> spanName;

  private TroupeTracing(Builder b) {
    this.tracer = b.openTelemetry.getTracer(INSTRUMENTATION_NAME);
    this.propagator = b.propagator;
    this.spanPerMessage = b.spanPerMessage;
    this.rootSpans = b.rootSpans;
    this.spanName = b.spanName;
  }

  /**
   * A builder of tracing on {@code openTelemetry}'s tracer.
   *
   * @param openTelemetry where spans go ({@code GlobalOpenTelemetry.get()}, or an SDK instance)
   * @return the builder
   * @throws NullPointerException if {@code openTelemetry} is null
   */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * Installs this tracing for every actor of {@code node}: {@code node.intercept(this)}.
   *
   * @param node the node
   * @return closing it removes the tracing from the node
   * @throws IllegalArgumentException if it is installed on that node already
   * @throws NullPointerException if {@code node} is null
   */
  public Installed install(Node node) {
    return Objects.requireNonNull(node, "node").intercept(this);
  }

  /**
   * Captures the current context (null outside any trace, so untraced sends carry nothing).
   *
   * @param target the actor the message is sent to
   * @param message the message
   * @return the current {@link Context}, or null when it is the root context
   */
  @Override
  public Object onSend(ActorRef<?> target, Object message) {
    Context current = Context.current();
    return current == Context.root() ? null : current;
  }

  /**
   * Writes the captured context into the frame's headers with the propagator.
   *
   * @param target the remote actor
   * @param message the message
   * @param attachment the context {@link #onSend} captured, or null
   * @param headers takes the headers
   */
  @Override
  public void inject(
      ActorRef<?> target, Object message, Object attachment, BiConsumer<String, String> headers) {
    if (attachment instanceof Context context) {
      propagator.inject(
          context,
          headers,
          (carrier, key, value) -> {
            if (carrier != null && key != null && value != null) {
              carrier.accept(key, value);
            }
          });
    }
  }

  /**
   * Extracts the sender's context from the frame's headers.
   *
   * @param target the local actor
   * @param message the message
   * @param headers the frame's headers
   * @return the extracted context, or null when the headers carry none
   */
  @Override
  public Object onReceive(ActorRef<?> target, Object message, Function<String, String> headers) {
    Context extracted = propagator.extract(Context.root(), headers, HEADERS);
    return extracted == Context.root() ? null : extracted;
  }

  /**
   * Makes the sender's context current on the actor's thread, in a new span if configured.
   *
   * @param self the actor
   * @param message the message
   * @param attachment the sender's context, or null
   * @return what {@link #afterHandle} closes
   */
  @Override
  public Object beforeHandle(ActorRef<?> self, Object message, Object attachment) {
    Context parent = attachment instanceof Context c ? c : Context.root();
    boolean traced = Span.fromContext(parent).getSpanContext().isValid();
    if (!spanPerMessage || (!traced && !rootSpans)) {
      return attachment == null ? null : new Handling(null, parent.makeCurrent());
    }
    var span =
        tracer
            .spanBuilder(spanName.apply(message))
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute(NODE, self.node().name())
            .setAttribute(ACTOR_ID, self.id().toString())
            .setAttribute(MESSAGE_TYPE, message.getClass().getName());
    self.name().ifPresent(n -> span.setAttribute(ACTOR_NAME, n));
    Span started = span.startSpan();
    return new Handling(started, parent.with(started).makeCurrent());
  }

  /**
   * Ends the span (recording a failure) and restores the actor thread's previous context.
   *
   * @param self the actor
   * @param message the message
   * @param token what {@link #beforeHandle} returned
   * @param failure what the handler threw, or null
   */
  @Override
  public void afterHandle(ActorRef<?> self, Object message, Object token, Throwable failure) {
    if (!(token instanceof Handling handling)) {
      return;
    }
    handling.scope.close();
    if (handling.span != null) {
      if (failure != null) {
        handling.span.recordException(failure);
        handling.span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
      }
      handling.span.end();
    }
  }

  /** A handled message's span (or null) and the scope that made its context current. */
  private record Handling(Span span, Scope scope) {}

  /** Configures {@link TroupeTracing}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();
    private boolean spanPerMessage = true;
    private boolean rootSpans;
    private Function<Object, String> spanName =
        message -> "handle " + message.getClass().getSimpleName();

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    /**
     * Whether each handled message that carries a trace gets a span of its own (true by default).
     * With false the sender's context is only made current around the handler.
     *
     * @param enabled true for a span per message
     * @return this builder
     */
    public Builder spanPerMessage(boolean enabled) {
      this.spanPerMessage = enabled;
      return this;
    }

    /**
     * Whether a message sent outside any trace starts a new trace with its handling span (false by
     * default: it is handled outside any trace).
     *
     * @param enabled true for a new trace per untraced message
     * @return this builder
     */
    public Builder rootSpans(boolean enabled) {
      this.rootSpans = enabled;
      return this;
    }

    /**
     * How a handling span is named ({@code "handle <message class's simple name>"} by default).
     *
     * @param namer the span's name from the message; must not return null
     * @return this builder
     * @throws NullPointerException if {@code namer} is null
     */
    public Builder spanName(Function<Object, String> namer) {
      this.spanName = Objects.requireNonNull(namer, "namer");
      return this;
    }

    /**
     * The propagator that writes and reads the context in frames to and from other nodes (W3C trace
     * context by default; {@code openTelemetry.getPropagators().getTextMapPropagator()} for the
     * SDK's configured one, baggage included).
     *
     * @param propagator the propagator
     * @return this builder
     * @throws NullPointerException if {@code propagator} is null
     */
    public Builder propagator(TextMapPropagator propagator) {
      this.propagator = Objects.requireNonNull(propagator, "propagator");
      return this;
    }

    /**
     * The tracing.
     *
     * @return a new {@link TroupeTracing}
     */
    public TroupeTracing build() {
      return new TroupeTracing(this);
    }
  }
}
