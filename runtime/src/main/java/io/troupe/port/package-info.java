/**
 * {@link io.troupe.port.OutputPort}: a publish-subscribe channel from one actor to many.
 *
 * <p>API.
 */
package io.troupe.port;
