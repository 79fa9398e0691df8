package test;

@io.troupe.annotation.ActorMessage
public sealed interface Box<T> {
  record Put<T>(T value) implements Box<T> {}

  sealed interface Counting extends Box<Integer> { // error
    record Increment() implements Counting {}
  }
}
