package test;

import io.troupe.rpc.RpcReplyPort;

@io.troupe.annotation.ActorMessage
public sealed interface Msg {
  record Both(
      RpcReplyPort<Integer> first,
      String key,
      RpcReplyPort<String> second) implements Msg {} // error
}
