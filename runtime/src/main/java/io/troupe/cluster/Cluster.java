package io.troupe.cluster;

import java.net.InetSocketAddress;
import java.util.List;
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
   * Connects to a node and returns once both sides are authenticated.
   *
   * @param host the node's address
   * @param port the port it listens on
   * @return the peer, authenticated
   * @throws ClusterException if the connection fails, times out, or authentication fails (for
   *     example because the cookies differ)
   */
  PeerInfo connect(String host, int port);

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
   * Closes the session with the authenticated peer of that name, if any (names are unique among
   * a node's peers: a second node of a name already connected is refused); both sides see {@code
   * NodeDisconnected}. A connection still in its handshake is not a peer and is left alone.
   *
   * @param nodeName the peer's name
   */
  void disconnect(String nodeName);

  /**
   * Closes the session with exactly this peer (its node id and name), if it is still connected:
   * a node of the same name that replaced it is left alone.
   *
   * @param peer as {@link #peers()} or an event gave it
   */
  void disconnect(PeerInfo peer);

  /**
   * How many casts of this node peers reported they could not deliver (an unknown variant, bytes
   * they could not decode, a target they did not advertise or that ended). Each is also logged
   * at WARNING here (rate-limited) and on the receiving node.
   *
   * @return the count since the node was created
   */
  long rejectedCasts();
}
