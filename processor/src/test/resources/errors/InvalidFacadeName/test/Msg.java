package test;

@io.troupe.annotation.ActorMessage(facadeName = "2Ref") // error
public sealed interface Msg {
  record Ping() implements Msg {}
}
