package test;

@io.troupe.annotation.ActorMessage(facadeName = "Shop")
public sealed interface Orders {
  record Place() implements Orders {}
}
