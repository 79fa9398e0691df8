package io.troupe.cluster;

/**
 * Why a session with a peer ended ({@link NodeEvent.NodeDisconnected#cause()}); the reason text
 * says more.
 */
public enum DisconnectCause {
  /**
   * The failure detector's phi for the peer passed the threshold (see {@code
   * NodeConfig.Builder.failureDetector}).
   */
  FAILURE_DETECTED,
  /** Nothing was heard from the peer for the keepalive timeout (the hard bound on silence). */
  KEEPALIVE_TIMEOUT,
  /** The peer closed the connection (it closed its node, disconnected, or its process ended). */
  CLOSED_BY_PEER,
  /** Reading or writing the connection failed (reset, broken pipe, network down). */
  CONNECTION_LOST,
  /** The peer broke the protocol (a malformed or unexpected frame, a frame over the limit). */
  PROTOCOL_ERROR,
  /** The peer did not read: too many answers and updates waited to be written to it. */
  PEER_NOT_READING,
  /** This node disconnected it ({@code disconnect}). */
  DISCONNECTED,
  /** This node closed. */
  NODE_CLOSED,
  /** Anything else (an internal error, a lost duplicate); see the reason. */
  OTHER
}
