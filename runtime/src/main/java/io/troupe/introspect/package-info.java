/**
 * Introspection: snapshots of a node's live actors ({@link io.troupe.introspect.ActorInfo}) and the
 * node's JMX MBean ({@link io.troupe.introspect.NodeMXBean}).
 */
package io.troupe.introspect;
