package io.troupe;

import java.util.concurrent.CompletableFuture;

/**
 * The result of {@link Node#spawnInstant}: the ref, usable at once, and the outcome of {@code
 * preStart}.
 *
 * @param ref the new actor; messages sent before it started wait in its mailbox
 * @param started completes when {@code preStart} returned, or exceptionally with what it threw
 * @param <M> the actor's messages
 */
public record InstantSpawn<M>(ActorRef<M> ref, CompletableFuture<Void> started) {}
