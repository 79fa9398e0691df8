package test;

import io.troupe.codec.Tag;

@io.troupe.annotation.ClusterMessage
public sealed interface Msg {
  record Item(@Tag(1) String sku, @Tag(1) int quantity) {}

  record Place(
      java.util.List<Item> items) implements Msg {} // error
}
