package test;

import io.troupe.codec.Tag;

@io.troupe.annotation.ClusterMessage
public sealed interface Msg {
  record Item(@Tag(0) String sku) {}

  record Place(
      java.util.List<Item> items) implements Msg {} // error
}
