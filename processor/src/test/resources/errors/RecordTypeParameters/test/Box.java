package test;

@io.troupe.annotation.ActorMessage
public sealed interface Box<T> {
  record Put<T>(T value) implements Box<T> {}

  record PutInt(int value) implements Box<Integer> {} // error
}
