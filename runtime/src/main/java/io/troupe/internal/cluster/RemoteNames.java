package io.troupe.internal.cluster;

import io.troupe.ActorId;
import io.troupe.internal.cluster.proto.NameConflict;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.internal.registry.LocalRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The names other nodes advertise, as this node's registry sees them. Several nodes may claim one
 * name; the claim of the node with the smallest id wins, whatever order the claims came in, so
 * every node that sees the same claims resolves them alike (this node's own actor still wins over
 * every remote claim here, as the registry has it). The losers are told ({@code NameConflict}).
 * When the winner releases the name or goes, the next claim takes over: a name never disappears
 * while a node still claims it. One actor may hold several names; at most {@code
 * maxRemoteNamesPerPeer} claims of one node are kept.
 */
final class RemoteNames {
  private static final System.Logger LOG = System.getLogger("io.troupe.cluster");

  private final LocalRegistry registry;
  private final ClusterRuntime cluster;

  /** name → the claims, by node id. */
  private final Map<String, TreeMap<Long, RemoteActorRef<?>>> claims = new HashMap<>();

  /** The names each proxy claims, so they go with it. */
  private final Map<ActorId, Set<String>> namesOf = new HashMap<>();

  private final Map<Long, Integer> countOf = new HashMap<>();
  private final RateLimitedLog dropped = new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10));

  RemoteNames(LocalRegistry registry, ClusterRuntime cluster) {
    this.registry = registry;
    this.cluster = cluster;
  }

  /** Node {@code proxy.id().node()} registered {@code name} for its actor {@code proxy}. */
  void claim(String name, RemoteActorRef<?> proxy) {
    long node = proxy.id().node();
    RemoteActorRef<?> winner;
    TreeMap<Long, RemoteActorRef<?>> byNode;
    synchronized (this) {
      byNode = claims.get(name);
      RemoteActorRef<?> previous = byNode == null ? null : byNode.get(node);
      if (previous == null
          && countOf.getOrDefault(node, 0) >= cluster.config().maxRemoteNamesPerPeer()) {
        dropped.warn(
            "dropped the name "
                + Names.quote(name)
                + " of node "
                + node
                + ": it already has "
                + cluster.config().maxRemoteNamesPerPeer()
                + " names here (the maximum)");
        return;
      }
      if (byNode == null) {
        byNode = new TreeMap<>();
        claims.put(name, byNode);
      }
      if (previous != null) {
        forgetName(previous.id(), name);
      } else {
        countOf.merge(node, 1, Integer::sum);
      }
      byNode.put(node, proxy);
      namesOf.computeIfAbsent(proxy.id(), k -> new HashSet<>()).add(name);
      winner = byNode.firstEntry().getValue();
      registry.registerRemote(name, winner);
      byNode = new TreeMap<>(byNode);
    }
    if (byNode.size() > 1) {
      tellLosers(name, byNode, winner);
    }
  }

  /** Node {@code proxy.id().node()} released {@code name}. */
  void release(String name, RemoteActorRef<?> proxy) {
    synchronized (this) {
      drop(name, proxy);
      forgetName(proxy.id(), name);
    }
  }

  /** The proxy's actor ended or its node went: every name it claimed goes with it. */
  void releaseAll(RemoteActorRef<?> proxy) {
    synchronized (this) {
      Set<String> names = namesOf.remove(proxy.id());
      if (names != null) {
        for (String name : names) {
          drop(name, proxy);
        }
      }
    }
  }

  private void drop(String name, RemoteActorRef<?> proxy) {
    long node = proxy.id().node();
    TreeMap<Long, RemoteActorRef<?>> byNode = claims.get(name);
    if (byNode == null || byNode.get(node) != proxy) {
      return;
    }
    byNode.remove(node);
    countOf.computeIfPresent(node, (k, n) -> n > 1 ? n - 1 : null);
    if (byNode.isEmpty()) {
      claims.remove(name);
      registry.unregisterRemote(name, proxy);
    } else {
      registry.unregisterRemote(name, proxy);
      registry.registerRemote(name, byNode.firstEntry().getValue()); // the next claim takes over
    }
  }

  private void forgetName(ActorId id, String name) {
    Set<String> names = namesOf.get(id);
    if (names != null && names.remove(name) && names.isEmpty()) {
      namesOf.remove(id);
    }
  }

  /** Tells every node whose claim lost which node keeps the name here. */
  private void tellLosers(
      String name, TreeMap<Long, RemoteActorRef<?>> byNode, RemoteActorRef<?> winner) {
    long winnerNode = winner.id().node();
    Session winnerSession = cluster.sessionTo(winnerNode);
    String winnerName = winnerSession == null ? "" : winnerSession.peer().name();
    for (long loser : byNode.keySet()) {
      if (loser == winnerNode) {
        continue;
      }
      Session session = cluster.sessionTo(loser);
      if (session != null) {
        session.send(
            NetworkMessage.newBuilder()
                .setNameConflict(
                    NameConflict.newBuilder()
                        .setName(name)
                        .setWinnerNode(winnerNode)
                        .setWinnerName(winnerName))
                .build());
      }
    }
  }

  /**
   * Node {@code session}'s claim of {@code name}, which this node's own actor holds: the claim of
   * the smaller node id wins cluster-wide (here the own actor always does). If this node wins, the
   * claimant is told; if the claimant wins, this node is the loser and publishes it.
   */
  void conflictWithLocal(String name, Session session) {
    long claimant = session.peer().nodeId();
    if (cluster.nodeId() < claimant) {
      session.send(
          NetworkMessage.newBuilder()
              .setNameConflict(
                  NameConflict.newBuilder()
                      .setName(name)
                      .setWinnerNode(cluster.nodeId())
                      .setWinnerName(cluster.nodeName()))
              .build());
    } else {
      lost(session, name, claimant);
    }
  }

  /** This node's actor lost {@code name} on {@code session}'s node (or to it). */
  void lost(Session session, String name, long winnerNode) {
    conflicts.warn(
        "the name "
            + Names.quote(name)
            + " of this node's actor lost to node "
            + winnerNode
            + " (the smallest id claiming it), as "
            + session.describe()
            + " sees it");
    cluster.publishEvent(
        new io.troupe.cluster.NodeEvent.NameConflict(session.peer(), name, winnerNode));
  }

  private final RateLimitedLog conflicts =
      new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10));
}
