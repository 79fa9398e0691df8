package test;

@io.troupe.annotation.ActorMessage
public sealed interface Msg {
  record Ping() implements Msg {}

  record ToString() implements Msg {} // error
}
