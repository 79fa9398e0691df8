package test;

@io.troupe.annotation.ActorMessage
@io.troupe.annotation.ClusterMessage
public sealed interface Msg { // error
  record Ping() implements Msg {}
}
