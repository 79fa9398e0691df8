package test;

@io.troupe.annotation.ActorMessage
public sealed interface Msg { // error
  record Ping() implements Msg {}
}
