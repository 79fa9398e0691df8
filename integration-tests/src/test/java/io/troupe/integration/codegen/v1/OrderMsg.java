package io.troupe.integration.codegen.v1;

import io.troupe.annotation.ClusterMessage;
import io.troupe.rpc.RpcReplyPort;
import java.util.List;

/** Version 1 of the order messages, as first deployed (see CodecEvolutionTest). */
@ClusterMessage
public sealed interface OrderMsg {
  /** A line of an order. */
  record Item(String sku, int quantity) {}

  record Place(String id, List<Item> items) implements OrderMsg {}

  record Status(String id, RpcReplyPort<String> reply) implements OrderMsg {}
}
