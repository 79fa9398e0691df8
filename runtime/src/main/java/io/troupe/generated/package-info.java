/**
 * For generated code only: the helpers that the code the Troupe annotation processor writes
 * (facades, handlers, codecs) calls. Exported because generated code lives in users' packages and
 * modules; not meant to be called by hand, and its members may change with the processor that
 * writes the calls (both come in one Troupe version).
 *
 * <p>{@link io.troupe.generated.GeneratedCodecs} is how a generated codec makes itself known to
 * {@link io.troupe.codec.MessageCodec#forType} without reflection: its static initialiser registers
 * it, so no user package has to be opened to the runtime. {@link io.troupe.generated.Facades} holds
 * the check of a facade's {@code from}. {@link io.troupe.generated.Fields}, {@link
 * io.troupe.generated.RepeatedCodec} and {@link io.troupe.generated.MapCodec} size, write and read
 * one field.
 */
package io.troupe.generated;
