package io.troupe.internal;

import io.troupe.ActorRef;

/**
 * A ref of another node that can supervise local actors (the cluster's proxies): linking a local
 * child to it tells the supervisor's node, and the child is killed if that supervisor ends or its
 * node goes away.
 */
public interface RemoteSupervisor {
  /** {@code child} (of this node) now has this remote actor as its supervisor. */
  void adoptChild(ActorRef<?> child);

  /** {@code child} was unlinked from this remote actor. */
  void releaseChild(ActorRef<?> child);

  /** {@code child} ended; its node already tells the supervisor's node of the end. */
  void childEnded(ActorRef<?> child);
}
