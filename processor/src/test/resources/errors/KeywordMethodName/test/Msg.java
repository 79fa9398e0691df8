package test;

@io.troupe.annotation.ActorMessage
public sealed interface Msg {
  enum Kind implements Msg {
    PLAIN,
    CLASS // error
  }
}
