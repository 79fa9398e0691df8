package test;

public class Outer {
  @io.troupe.annotation.ActorMessage
  sealed interface Msg permits Ping, Secret {}

  record Ping() implements Msg {}

  private record Secret() implements Msg {} // error
}
