/**
 * Micrometer metrics for Troupe: {@link io.troupe.micrometer.TroupeMetrics} binds a node's meters
 * (actors, messages, mailboxes, failures, dead letters, cluster traffic) and a factory's. See
 * docs/observability.md.
 */
package io.troupe.micrometer;
