/**
 * The annotations the Troupe processor reads: {@link io.troupe.annotation.ActorMessage} and {@link
 * io.troupe.annotation.ClusterMessage} on a sealed message interface, and {@link
 * io.troupe.annotation.FacadeMethod} to name a variant's facade method.
 *
 * <p>API.
 */
package io.troupe.annotation;
