package test;

@io.troupe.annotation.ActorMessage
public sealed interface Msg {
  record Ping() implements Msg {}

  non-sealed interface Custom extends Msg {} // error
}
