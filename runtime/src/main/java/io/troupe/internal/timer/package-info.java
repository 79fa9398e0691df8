/**
 * INTERNAL API: a node's timers ({@link io.troupe.internal.timer.TimerService}) on its time source,
 * and the system's time source.
 */
package io.troupe.internal.timer;
