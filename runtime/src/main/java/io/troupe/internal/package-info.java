/**
 * INTERNAL API: not exported by the module, may change in any release. The actor layer of a node:
 * {@link io.troupe.internal.NodeRuntime} (the composition root, the only internal type {@link
 * io.troupe.Node} uses), {@link io.troupe.internal.NodeContext} (spawning, the live actors, close),
 * {@link io.troupe.internal.ActorCell} (one actor: mailbox, lifecycle, supervision links) and the
 * refs that reach it.
 *
 * <p>Its sub-packages are layers below or beside it: {@code scheduler} (the workers that run
 * actors), {@code timer}, {@code registry} and {@code pg} (a node's timers, names and groups),
 * {@code cluster} (sessions and remote actors, above the actor layer), {@code jfr} (flight-recorder
 * events).
 */
package io.troupe.internal;
