/**
 * What a supervisor is told of its children and of the actors it monitors ({@link
 * io.troupe.supervision.SupervisionEvent}).
 *
 * <p>API.
 */
package io.troupe.supervision;
