package test;

public class Users {
  @io.troupe.annotation.ActorMessage(facadeName = "ShopRef") // error
  public sealed interface Msg {
    record Join() implements Msg {}
  }
}
