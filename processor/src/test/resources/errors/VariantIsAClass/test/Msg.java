package test;

@io.troupe.annotation.ActorMessage
public sealed interface Msg permits Msg.Ping, Msg.Stop {
  record Ping() implements Msg {}

  final class Stop implements Msg {} // error
}
