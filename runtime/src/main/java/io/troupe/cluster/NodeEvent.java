package io.troupe.cluster;

/** Something that happened to a session with another node. */
public sealed interface NodeEvent {
  /**
   * The peer this event is about.
   *
   * @return the peer's name, id and address
   */
  PeerInfo peer();

  /**
   * A peer connected and proved it knows the cookie; published just before {@link
   * NodeAuthenticated} (never for a peer that did not prove it: what a Hello says is unverified).
   *
   * @param peer the peer that connected
   */
  record NodeConnected(PeerInfo peer) implements NodeEvent {}

  /**
   * Both sides proved they know the cookie: the peer is part of the cluster.
   *
   * @param peer the peer that joined
   */
  record NodeAuthenticated(PeerInfo peer) implements NodeEvent {}

  /**
   * The peer's names and process-group members, as they were when the session was authenticated,
   * have arrived and are visible here ({@code whereIs}, {@code members}); published once per
   * session, after {@link NodeAuthenticated}. {@code connect} returns at this point.
   *
   * @param peer the peer whose state arrived
   */
  record NodeReady(PeerInfo peer) implements NodeEvent {}

  /**
   * An authenticated peer went away (closed, failed keepalive, protocol error, disconnect).
   *
   * @param peer the peer that went away
   * @param reason why the session ended, for people (for the failure detector: phi, the silence,
   *     the heartbeat statistics)
   * @param cause why the session ended, as a type
   */
  record NodeDisconnected(PeerInfo peer, String reason, DisconnectCause cause)
      implements NodeEvent {
    /**
     * A disconnect of unknown cause ({@link DisconnectCause#OTHER}).
     *
     * @param peer the peer that went away
     * @param reason why the session ended, for people
     */
    public NodeDisconnected(PeerInfo peer, String reason) {
      this(peer, reason, DisconnectCause.OTHER);
    }
  }

  /**
   * {@code peer} resolved a conflict over a name this node's actor holds against this node: another
   * node (id {@code winnerNodeId}, the smallest id among those registering the name) keeps the name
   * there, so {@code whereIs(name)} on {@code peer} does not find this node's actor.
   *
   * @param peer the node that resolved the conflict
   * @param name the registered name in conflict
   * @param winnerNodeId the id of the node whose actor keeps the name on {@code peer}
   */
  record NameConflict(PeerInfo peer, String name, long winnerNodeId) implements NodeEvent {}
}
