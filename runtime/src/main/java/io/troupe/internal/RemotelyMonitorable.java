package io.troupe.internal;

import io.troupe.ActorRef;

/** A ref of another node that local actors can monitor (the cluster's proxies). */
public interface RemotelyMonitorable {
  /**
   * {@code watcher} receives this actor's end as {@code ActorTerminated}; at once if it already
   * ended.
   */
  void addMonitor(ActorRef<?> watcher);

  void removeMonitor(ActorRef<?> watcher);
}
