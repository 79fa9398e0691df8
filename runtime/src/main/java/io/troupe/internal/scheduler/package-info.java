/**
 * INTERNAL API: the scheduler that runs actors' bursts on a few worker threads ({@link
 * io.troupe.internal.scheduler.Scheduler}), and its monitor.
 */
package io.troupe.internal.scheduler;
