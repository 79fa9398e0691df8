/**
 * INTERNAL API: the JDK Flight Recorder events the runtime emits (actor spawned, actor stopped).
 */
package io.troupe.internal.jfr;
