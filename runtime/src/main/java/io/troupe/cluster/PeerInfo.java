package io.troupe.cluster;

import java.net.InetSocketAddress;

/**
 * A connected node.
 *
 * @param name the peer's node name
 * @param nodeId the peer's node id (the {@code node} part of its actors' ids)
 * @param address the remote address of the session's socket
 */
public record PeerInfo(String name, long nodeId, InetSocketAddress address) {}
