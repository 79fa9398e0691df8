package test;

@io.troupe.annotation.ClusterMessage
public sealed interface Msg {
  record Move(
      @io.troupe.codec.Tag(19500) int x) implements Msg {} // error
}
