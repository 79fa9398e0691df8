package test.shop;

import io.troupe.annotation.ClusterMessage;
import io.troupe.codec.Tag;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A cluster interface with every kind of component the codec writes differently. */
@ClusterMessage
public sealed interface ShopMsg {
  /** A nested record, in a list and alone. */
  record Item(String sku, int quantity) {}

  enum Priority {
    LOW,
    HIGH
  }

  record Place(UUID id, List<Item> items, Optional<Priority> priority, Map<String, Long> tags, Instant at, Item gift)
      implements ShopMsg {}

  record Total(String customer, RpcReplyPort<Long> reply, @Tag(7) Duration window) implements ShopMsg {}

  record Scalars(int i, long l, short s, byte b, char c, boolean z, double d, float f, byte[] raw) implements ShopMsg {}

  record Lists(List<Integer> ints, Set<String> names, List<List<Integer>> grid, RpcReplyPort<List<Item>> reply)
      implements ShopMsg {}

  record Ping() implements ShopMsg {}

  enum Control implements ShopMsg {
    PAUSE,
    RESUME
  }
}
