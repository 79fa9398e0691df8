package io.troupe.cluster;

/** Something that happened to a session with another node. */
public sealed interface NodeEvent {
  /** The peer this event is about. */
  PeerInfo peer();

  /** A peer said who it is; authentication is under way. */
  record NodeConnected(PeerInfo peer) implements NodeEvent {}

  /** Both sides proved they know the cookie: the peer is part of the cluster. */
  record NodeAuthenticated(PeerInfo peer) implements NodeEvent {}

  /** An authenticated peer went away (closed, failed keepalive, protocol error, disconnect). */
  record NodeDisconnected(PeerInfo peer, String reason) implements NodeEvent {}
}
