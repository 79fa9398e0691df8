package test;

public class Outer {
  @io.troupe.annotation.ActorMessage
  sealed interface Msg permits Send {}

  record Send(java.util.List<Secret> secrets) implements Msg {} // error

  private record Secret(String value) {}
}
