package test.counter;

import io.troupe.annotation.ActorMessage;
import io.troupe.rpc.RpcReplyPort;

@ActorMessage
public sealed interface CounterMsg {
  record Increment(int by) implements CounterMsg {}

  record Get(RpcReplyPort<Integer> reply) implements CounterMsg {}
}
