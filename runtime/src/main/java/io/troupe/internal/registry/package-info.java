/** INTERNAL API: a node's registry of names ({@link io.troupe.internal.registry.LocalRegistry}). */
package io.troupe.internal.registry;
