package io.troupe;

/**
 * The identity of an actor: the node it lives on and a number unique within that node, and whether
 * this ref reaches it through the cluster.
 *
 * @param node the id of the node the actor lives on
 * @param local the actor's number within its node
 * @param remote true for the id of a remote ref (a proxy reaching the actor over the network)
 */
public record ActorId(long node, long local, boolean remote) {

  /**
   * The id of an actor of a node of this JVM.
   *
   * @param node the id of the node the actor lives on
   * @param local the actor's number within its node
   */
  public ActorId(long node, long local) {
    this(node, local, false);
  }

  /**
   * Whether this id is of an actor reached directly.
   *
   * @return true for an actor reached directly; false for a remote ref
   */
  public boolean isLocal() {
    return !remote;
  }

  @Override
  public String toString() {
    return Long.toHexString(node) + "." + local;
  }
}
