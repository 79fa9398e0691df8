package io.troupe.cluster;

/** Something that happened to a session with another node. */
public sealed interface NodeEvent {
  /** The peer this event is about. */
  PeerInfo peer();

  /**
   * A peer connected and proved it knows the cookie; published just before {@link
   * NodeAuthenticated} (never for a peer that did not prove it: what a Hello says is unverified).
   */
  record NodeConnected(PeerInfo peer) implements NodeEvent {}

  /** Both sides proved they know the cookie: the peer is part of the cluster. */
  record NodeAuthenticated(PeerInfo peer) implements NodeEvent {}

  /** An authenticated peer went away (closed, failed keepalive, protocol error, disconnect). */
  record NodeDisconnected(PeerInfo peer, String reason) implements NodeEvent {}

  /**
   * {@code peer} resolved a conflict over a name this node's actor holds against this node:
   * another node (id {@code winnerNodeId}, the smallest id among those registering the name)
   * keeps the name there, so {@code whereIs(name)} on {@code peer} does not find this node's actor.
   */
  record NameConflict(PeerInfo peer, String name, long winnerNodeId) implements NodeEvent {}
}
