package io.troupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
  sealed interface Msg {
    record Add(int n) implements Msg {}

    record Get(RpcReplyPort<Integer> reply) implements Msg {}
  }

  static final class Counter implements Actor<Msg, int[], Integer> {
    @Override
    public int[] preStart(ActorRef<Msg> self, Integer start) {
      return new int[] {start};
    }

    @Override
    public int[] handle(ActorRef<Msg> self, Msg m, int[] s) {
      switch (m) {
        case Msg.Add a -> s[0] += a.n();
        case Msg.Get g -> g.reply().send(s[0]);
      }
      return s;
    }
  }

  @Test
  void countsAndAnswers() {
    try (Node node = Node.create("smoke")) {
      ActorRef<Msg> c = node.spawn(new Counter(), 5);
      for (int i = 0; i < 100_000; i++) c.cast(new Msg.Add(1));
      CallResult<Integer> r = c.call(Msg.Get::new, Duration.ofSeconds(5));
      assertEquals(new CallResult.Success<>(100_005), r);
      assertTrue(c.stopAndWait("done", Duration.ofSeconds(5)));
      assertEquals(ActorStatus.STOPPED, c.status());
    }
  }
}
