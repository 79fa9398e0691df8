/**
 * Time for actors: {@link io.troupe.timer.TimeSource} (the clock and scheduler of a node's timers,
 * replaceable in tests) and {@link io.troupe.timer.TimerHandle} (a scheduled send, stop or kill).
 *
 * <p>API. The implementation is in {@code io.troupe.internal.timer}.
 */
package io.troupe.timer;
