package test;

public class Orders {
  @io.troupe.annotation.ActorMessage
  public sealed interface Msg {
    record Place() implements Msg {}
  }
}
