package test;

@io.troupe.annotation.ActorMessage
public sealed interface Box<T> {
  record Put<T>(T value) implements Box<T> {}

  enum Signal implements Box<String> {
    CLEAR // error
  }
}
