/**
 * INTERNAL API: the JDK Flight Recorder events the runtime emits (actor spawned and stopped,
 * sessions opened and closed, slow message handling, supervisor restarts).
 */
package io.troupe.internal.jfr;
