package io.troupe.examples.counter;

import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.annotation.ActorMessage;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;

/**
 * A counter actor written against its generated handler and driven through its generated facade:
 * casts change it, a call reads it. Shows state, RPC with a timeout, and what a call does when the
 * actor is gone.
 */
public final class CounterExample {
  private CounterExample() {}

  /**
   * What the counter understands; the processor writes {@code CounterMsgRef} (the caller's side)
   * and {@code CounterMsgHandler} (the receiver's side) from it.
   */
  @ActorMessage
  public sealed interface CounterMsg {
    record Increment(int by) implements CounterMsg {}

    record Get(RpcReplyPort<Integer> reply) implements CounterMsg {}
  }

  /**
   * Keeps a running total; its state is a plain {@code Integer}. One method per variant: the
   * generated {@code handle} dispatches to them. {@code onGet} must return what {@code reply}
   * makes, so a version that forgot to answer ({@code return total;}) would not compile.
   */
  static final class Counter implements CounterMsgHandler<Integer, Integer> {
    @Override
    public Integer preStart(ActorRef<CounterMsg> self, Integer start) {
      return start;
    }

    @Override
    public Integer onIncrement(ActorRef<CounterMsg> self, int by, Integer total) {
      return total + by;
    }

    @Override
    public Answered<Integer> onGet(
        ActorRef<CounterMsg> self, Reply<Integer, Integer> reply, Integer total) {
      return reply.answer(total, total);
    }
  }

  public static void main(String[] args) {
    try (Node node = Node.create("counter")) {
      CounterMsgRef counter = CounterMsgRef.of(node.spawn("counter", new Counter(), 0));
      for (int i = 1; i <= 100; i++) {
        counter.increment(i); // a cast, generated from record Increment(int by)
      }
      int total = counter.get(Duration.ofSeconds(1)); // a call, generated from record Get
      System.out.println("1 + 2 + ... + 100 = " + total);

      // The raw ref is still there for what the facade does not cover.
      CallResult<Integer> raw = counter.ref().call(CounterMsg.Get::new, Duration.ofSeconds(1));
      System.out.println("the same through the raw ref: " + raw);

      counter.ref().stopAndWait("done", Duration.ofSeconds(1));
      try {
        System.out.println("unexpected: " + counter.get(Duration.ofSeconds(1)));
      } catch (io.troupe.MessagingException e) {
        System.out.println("after stop, a call is refused: " + e.getMessage());
      }
    }
  }
}
