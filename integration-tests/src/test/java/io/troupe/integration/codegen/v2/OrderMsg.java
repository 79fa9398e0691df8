package io.troupe.integration.codegen.v2;

import io.troupe.annotation.ClusterMessage;
import io.troupe.codec.Tag;
import io.troupe.rpc.RpcReplyPort;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Version 2 of the order messages (see CodecEvolutionTest): components added at the end and in a
 * pinned slot, a nested record that grew, a component renamed (names are not on the wire, numbers
 * are), and a new variant.
 */
@ClusterMessage
public sealed interface OrderMsg {
  /** A line of an order, with two new components. */
  record Item(String sku, int quantity, Optional<String> note, long priceCents) {}

  record Place(
      String orderId,
      List<Item> items,
      Map<String, String> tags,
      @Tag(9) Instant placedAt,
      boolean express)
      implements OrderMsg {}

  record Status(String id, RpcReplyPort<String> reply, int detail) implements OrderMsg {}

  record Cancel(String id) implements OrderMsg {}
}
