package test;

import io.troupe.codec.Tag;

@io.troupe.annotation.ClusterMessage
public sealed interface Msg {
  record Move(
      @Tag(2) int x,
      int y) implements Msg {} // error
}
