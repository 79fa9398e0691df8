package test;

public class Outer {
  @io.troupe.annotation.ActorMessage
  private sealed interface Msg { // error
    record Ping() implements Msg {}
  }
}
