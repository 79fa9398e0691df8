package test;

import io.troupe.rpc.RpcReplyPort;

@io.troupe.annotation.ActorMessage
public sealed interface Msg {
  record Get(RpcReplyPort<Integer> reply) implements Msg {}

  record GetAsync() implements Msg {} // error
}
