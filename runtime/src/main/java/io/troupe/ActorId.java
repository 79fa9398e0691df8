package io.troupe;

/**
 * The identity of an actor: the node it lives on and a number unique within that node.
 *
 * @param node the id of the node the actor lives on
 * @param local the actor's number within its node
 */
public record ActorId(long node, long local) {

  /** True when the actor lives on the node of the thread asking: see {@link Node#id()}. */
  public boolean isLocal() {
    return Node.isLocalNodeId(node);
  }

  @Override
  public String toString() {
    return Long.toHexString(node) + "." + local;
  }
}
