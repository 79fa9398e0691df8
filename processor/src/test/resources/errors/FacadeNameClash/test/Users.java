package test;

public class Users {
  @io.troupe.annotation.ActorMessage // error
  public sealed interface Msg {
    record Join() implements Msg {}
  }
}
