package io.troupe.cluster;

import io.troupe.ActorRef;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A node's membership in a cluster: listening, connecting, the authenticated peers, and their
 * events. Obtained from {@code node.cluster()} on a node created with a {@link NodeConfig}.
 */
public interface Cluster {

  /**
   * Accepts connections on {@code host:port} ({@code port} 0 picks a free port).
   *
   * @param host the address to bind, e.g. {@code "127.0.0.1"}
   * @param port the port, or 0
   * @return the address actually bound
   * @throws ClusterException if the address cannot be bound or the node already listens
   */
  InetSocketAddress listen(String host, int port);

  /**
   * Connects to a node and returns once both sides are authenticated and the peer's names and
   * process-group members (as they were then) are visible here: right after it, {@code whereIs} and
   * {@code members} find the peer's actors ({@link NodeEvent.NodeReady}). Each of the two steps may
   * take up to the handshake timeout.
   *
   * @param host the node's address
   * @param port the port it listens on
   * @return the peer, authenticated and ready
   * @throws ClusterException if the connection fails, times out, authentication fails (for example
   *     because the cookies differ), the peer is refused (its name is taken), or the session ends
   *     before the peer's state arrived
   */
  PeerInfo connect(String host, int port);

  /**
   * {@link #connect} on a cluster thread of its own, for callers that must not block.
   *
   * @param host the node's address
   * @param port the port it listens on
   * @return completes with the peer as {@code connect} returns it, or with its {@code
   *     ClusterException}
   */
  CompletableFuture<PeerInfo> connectAsync(String host, int port);

  /**
   * Waits until an actor is registered under {@code name}, on this node or on a connected one;
   * returns at once if one is. Woken by registrations and advertisements, not by polling.
   *
   * @param name the registered name
   * @param timeout how long to wait
   * @return the actor (a remote ref for another node's actor)
   * @throws ClusterException if none is registered within {@code timeout} (the message lists the
   *     connected peers)
   */
  ActorRef<?> awaitName(String name, Duration timeout);

  /**
   * {@link #awaitName(String, Duration)} for an actor of a given message type.
   *
   * @param name the registered name
   * @param messageType the message type the actor must accept
   * @param timeout how long to wait
   * @param <M> the message type
   * @return the actor
   * @throws ClusterException if no actor of that type is registered under {@code name} in time
   */
  <M> ActorRef<M> awaitName(String name, Class<M> messageType, Duration timeout);

  /**
   * Waits until the group (default scope) has at least {@code count} members, local and remote.
   *
   * @param group the group
   * @param count the members to wait for (0 returns at once)
   * @param timeout how long to wait
   * @return the members then, at least {@code count}
   * @throws ClusterException if fewer are members when {@code timeout} passes (the message says how
   *     many were)
   */
  List<ActorRef<?>> awaitMembers(String group, int count, Duration timeout);

  /**
   * Waits until the group (default scope) has a member, local or remote.
   *
   * @param group the group
   * @param timeout how long to wait
   * @return one member (the first listed)
   * @throws ClusterException if the group is still empty when {@code timeout} passes
   */
  default ActorRef<?> awaitMember(String group, Duration timeout) {
    return awaitMembers(group, 1, timeout).getFirst();
  }

  /**
   * Keeps connecting to the nodes {@code discovery} finds: now, then every {@code period}, it asks
   * for the addresses and connects (as {@link #connect}) to each that is not this node and not a
   * connected peer's listening address. Failures (a node not up yet, a DNS server that does not
   * answer) are logged and tried again next period; nothing is thrown. Together with reconnection
   * and transitive mode this is how a cluster forms and heals without hand-made {@code connect}
   * calls.
   *
   * @param discovery where nodes are listed ({@link Discovery#seeds}, {@link Discovery#dns}, {@link
   *     Discovery#dnsSrv}, ...)
   * @param period how often to look again, e.g. 5 s
   * @return closing it stops this discovery (sessions it made stay)
   * @throws IllegalArgumentException if {@code period} is not positive
   */
  AutoCloseable discover(Discovery discovery, Duration period);

  /**
   * The authenticated peers.
   *
   * @return a snapshot
   */
  List<PeerInfo> peers();

  /**
   * Calls {@code listener} for every later node event, on a cluster thread (keep it short).
   *
   * @param listener told of each event
   * @return closing it unsubscribes
   */
  AutoCloseable subscribe(Consumer<NodeEvent> listener);

  /**
   * This node's cluster traffic so far and its sessions now.
   *
   * @return a snapshot
   */
  ClusterStats stats();

  /**
   * What waits to be written to each authenticated peer now: one entry per peer, in no particular
   * order. Each entry is read while the session runs, so its fields are exact each, not together.
   *
   * @return a snapshot
   */
  List<OutboxStats> outboxes();

  /**
   * Closes the session with the authenticated peer of that name, if any (names are unique among a
   * node's peers: a second node of a name already connected is refused); both sides see {@code
   * NodeDisconnected}. A connection still in its handshake is not a peer and is left alone.
   *
   * @param nodeName the peer's name
   */
  void disconnect(String nodeName);

  /**
   * Closes the session with exactly this peer (its node id and name), if it is still connected: a
   * node of the same name that replaced it is left alone.
   *
   * @param peer as {@link #peers()} or an event gave it
   */
  void disconnect(PeerInfo peer);

  /**
   * How many casts of this node peers reported they could not deliver (an unknown variant, bytes
   * they could not decode, a target they did not advertise or that ended). Each is also logged at
   * WARNING here (rate-limited) and on the receiving node.
   *
   * @return the count since the node was created
   */
  long rejectedCasts();

  /**
   * How many of this node's actors {@code peer} can reach because refs to them were sent to it
   * inside messages (its export table, see docs/cluster.md "Refs in messages"): an actor counts
   * from the first ref sent until it ends or the session ends. Actors advertised in groups or by
   * name count only if a ref to them was sent as well.
   *
   * @param peer a peer as {@link #peers()} gave it
   * @return the size of its table; 0 if it is not connected
   */
  int exportedRefs(PeerInfo peer);
}
