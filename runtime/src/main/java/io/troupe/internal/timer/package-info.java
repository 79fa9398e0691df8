/**
 * INTERNAL API: a node's timers ({@link io.troupe.internal.timer.TimerService}) on its time source,
 * the system's time source, and {@link io.troupe.internal.timer.TimerOwner}, the one view of an
 * actor the timers need (so this package does not depend on the actor cell).
 */
package io.troupe.internal.timer;
