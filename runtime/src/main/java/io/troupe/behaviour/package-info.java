/**
 * Behaviour tools an actor keeps in its state: a bounded {@link io.troupe.behaviour.Stash}, keyed
 * {@link io.troupe.behaviour.Timers}, a {@link io.troupe.behaviour.ReceiveTimeout}, and a {@link
 * io.troupe.behaviour.StateMachine} with state timeouts ({@link io.troupe.behaviour.Transition}).
 * They run on the node's time source, so tests drive them with a manual clock.
 *
 * <p>API, with its implementation beside it (the tools are plain classes over the public actor
 * API).
 */
package io.troupe.behaviour;
