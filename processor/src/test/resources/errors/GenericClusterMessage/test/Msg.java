package test;

@io.troupe.annotation.ClusterMessage // error
public sealed interface Msg<T> {
  record Put<T>(T value) implements Msg<T> {}
}
