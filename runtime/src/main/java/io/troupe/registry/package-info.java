/**
 * A node's registry of actor names ({@link io.troupe.registry.Registry}) and its change events.
 *
 * <p>API. The implementation is in {@code io.troupe.internal.registry}.
 */
package io.troupe.registry;
