package io.troupe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.rpc.RpcReplyPort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The guide's first example and the README's quick start, as written there, run 20 times each: they
 * must print (or return) what the docs promise every time.
 */
@Isolated
class DocumentedExamplesTest {

  // docs/guide.md, "Getting started"
  static final class Greeter implements Actor<String, Integer, Void> {
    public Integer preStart(ActorRef<String> self, Void args) {
      return 0;
    }

    public Integer handle(ActorRef<String> self, String name, Integer greeted) {
      System.out.println("hello, " + name);
      return greeted + 1;
    }
  }

  @RepeatedTest(20)
  void theGuidesGreeterAlwaysGreets() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      try (Node node = Node.create("app")) {
        ActorRef<String> greeter = node.spawn("greeter", new Greeter(), null);
        greeter.cast("world");
      }
    } finally {
      System.setOut(original);
    }
    assertEquals("hello, world" + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
  }

  // README.md, "Quick start"
  sealed interface CounterMsg {
    record Increment(int by) implements CounterMsg {}

    record Get(RpcReplyPort<Integer> reply) implements CounterMsg {}
  }

  static final class Counter implements Actor<CounterMsg, Integer, Integer> {
    public Integer preStart(ActorRef<CounterMsg> self, Integer start) {
      return start;
    }

    public Integer handle(ActorRef<CounterMsg> self, CounterMsg msg, Integer total) {
      return switch (msg) {
        case CounterMsg.Increment inc -> total + inc.by();
        case CounterMsg.Get get -> {
          get.reply().send(total);
          yield total;
        }
      };
    }
  }

  @RepeatedTest(20)
  void theReadmesCounterAlwaysCountsFive() {
    int seen;
    try (Node node = Node.create("demo")) {
      ActorRef<CounterMsg> counter = node.spawn("counter", new Counter(), 0);
      counter.cast(new CounterMsg.Increment(5));
      int total = counter.call(CounterMsg.Get::new, Duration.ofSeconds(1)).orThrow(); // 5
      counter.stopAndWait("done", Duration.ofSeconds(1));
      seen = total;
    }
    assertEquals(5, seen);
  }
}
