/**
 * Nodes that talk over TCP (optionally TLS): {@link io.troupe.cluster.NodeConfig} to configure a
 * node, {@link io.troupe.cluster.Cluster} to listen, connect and watch peers, {@link
 * io.troupe.cluster.NodeEvent} and the errors of remote messaging.
 *
 * <p>API. The implementation (sessions, the wire protocol, remote refs) is in {@code
 * io.troupe.internal.cluster}.
 */
package io.troupe.cluster;
