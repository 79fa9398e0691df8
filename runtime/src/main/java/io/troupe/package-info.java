/**
 * Troupe's core API: {@link io.troupe.Actor} (the behaviour), {@link io.troupe.ActorRef}
 * (messaging, lifecycle, supervision), {@link io.troupe.Node} (a runtime instance) and {@link
 * io.troupe.Actors} (shortcuts on the default node), with the errors they throw.
 *
 * <p>API. Every public type of an {@code io.troupe} package that is not under {@code
 * io.troupe.internal} (not exported) or {@code io.troupe.generated} (exported, for generated code
 * only) is part of Troupe's public contract. Where implementations live: a feature package ({@code
 * factory}, {@code codec}, ...) holds its API and, package-private beside it, the implementation
 * that only that feature uses; machinery that another layer of the runtime uses (the actor cell,
 * the mailbox, timers, registry, groups, the cluster) lives under {@code io.troupe.internal}, which
 * the module does not export.
 */
package io.troupe;
