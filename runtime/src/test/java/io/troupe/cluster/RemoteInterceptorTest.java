package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.intercept.Interceptor;
import io.troupe.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Interceptors across nodes: what the sender's {@code inject} writes into a cast's frame reaches
 * the receiver's {@code onReceive}, and from it the handler's {@code beforeHandle}.
 */
class RemoteInterceptorTest {

  static final class Sink implements Actor<FlowControlTest.Note, Void, Void> {
    @Override
    public Void preStart(ActorRef<FlowControlTest.Note> self, Void args) {
      return null;
    }
  }

  private static Node node(String name) {
    return Node.create(
        name,
        NodeConfig.builder()
            .cookie(RawPeer.COOKIE)
            .handshakeTimeout(Duration.ofSeconds(5))
            .build());
  }

  @Test
  void headersWrittenOnTheSenderBecomeTheReceiversAttachment() {
    try (Node alpha = node("alpha");
        Node beta = node("beta")) {
      List<String> seen = new CopyOnWriteArrayList<>();
      alpha.intercept(
          new Interceptor() {
            @Override
            public Object onSend(ActorRef<?> target, Object message) {
              return "from-alpha:" + ((FlowControlTest.Note.Text) message).text();
            }

            @Override
            public void inject(
                ActorRef<?> target,
                Object message,
                Object attachment,
                BiConsumer<String, String> headers) {
              headers.accept("x-context", (String) attachment);
            }
          });
      beta.intercept(
          new Interceptor() {
            @Override
            public Object onReceive(
                ActorRef<?> target, Object message, Function<String, String> headers) {
              return headers.apply("x-context") + "|missing=" + headers.apply("x-missing");
            }

            @Override
            public Object beforeHandle(ActorRef<?> self, Object message, Object attachment) {
              seen.add(String.valueOf(attachment));
              return null;
            }
          });
      beta.spawn("sink", new Sink(), null);
      alpha.cluster().connect("127.0.0.1", beta.cluster().listen("127.0.0.1", 0).getPort());
      Await.until("alpha knows the sink", () -> alpha.registry().whereIs("sink").isPresent());
      @SuppressWarnings("unchecked")
      ActorRef<FlowControlTest.Note> sink =
          (ActorRef<FlowControlTest.Note>) alpha.registry().whereIs("sink").orElseThrow();
      sink.cast(new FlowControlTest.Note.Text("hello"));
      Await.until("the sink handled it", () -> !seen.isEmpty());
      assertEquals(List.of("from-alpha:hello|missing=null"), seen);
    }
  }

  @Test
  void withoutHeadersTheReceiverSeesAnOrdinarySend() {
    try (Node alpha = node("alpha");
        Node beta = node("beta")) {
      List<String> seen = new CopyOnWriteArrayList<>();
      beta.intercept(
          new Interceptor() {
            @Override
            public Object onSend(ActorRef<?> target, Object message) {
              return "local-send";
            }

            @Override
            public Object beforeHandle(ActorRef<?> self, Object message, Object attachment) {
              seen.add(String.valueOf(attachment));
              return null;
            }
          });
      beta.spawn("sink", new Sink(), null);
      alpha.cluster().connect("127.0.0.1", beta.cluster().listen("127.0.0.1", 0).getPort());
      Await.until("alpha knows the sink", () -> alpha.registry().whereIs("sink").isPresent());
      @SuppressWarnings("unchecked")
      ActorRef<FlowControlTest.Note> sink =
          (ActorRef<FlowControlTest.Note>) alpha.registry().whereIs("sink").orElseThrow();
      sink.cast(
          new FlowControlTest.Note.Text(
              "plain")); // alpha has no interceptor: a frame without headers
      Await.until("the sink handled it", () -> !seen.isEmpty());
      assertEquals(List.of("local-send"), seen);
    }
  }
}
