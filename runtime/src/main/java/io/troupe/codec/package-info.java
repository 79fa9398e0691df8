/**
 * Byte codecs for messages that cross the network: {@link io.troupe.codec.MessageCodec} (one per
 * {@code @ClusterMessage} interface, generated), {@link io.troupe.codec.BytesCodec} and {@link
 * io.troupe.codec.Codecs} (the codecs of component types, to build custom ones with), {@link
 * io.troupe.codec.WithCodec} and {@link io.troupe.codec.Tag}.
 *
 * <p>API. The helpers only generated codecs call are in {@code io.troupe.generated}.
 */
package io.troupe.codec;
